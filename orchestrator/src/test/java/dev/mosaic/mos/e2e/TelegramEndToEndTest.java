package dev.mosaic.mos.e2e;

import static dev.mosaic.mos.e2e.ChattyAgent.assertStepsCompleteAndInOrder;
import static dev.mosaic.mos.e2e.ChattyAgent.count;
import static dev.mosaic.mos.e2e.TelegramServiceFixture.GROUP;
import static dev.mosaic.mos.e2e.TelegramServiceFixture.OPS;
import static dev.mosaic.mos.e2e.TelegramServiceFixture.OWNER;
import static dev.mosaic.mos.e2e.TelegramServiceFixture.WATCHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.telegram.fake.BotHtml;
import dev.mosaic.connector.telegram.fake.FakeTelegram;
import dev.mosaic.connector.telegram.fake.Posted;
import dev.mosaic.mos.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 end to end: people in a Telegram group command the real Mos service. The real
 * telegrambots client long-polls a fake Bot API on loopback; agents are the demo preset's programs
 * in real tmux on a private socket. One service, one fake and one fleet for the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelegramEndToEndTest {

    static final String TOKEN = "5550001111:AAe2e-bot-token_secret";
    static final long STRANGER = 998877665L;
    /** The {@link ChattyAgent}'s pane starts with ~10,300 characters of build output (for the long-answer test). */
    static final int CHATTY_LINES = 195;
    static final String CHATTY_STEP = "compiled <module> & ran its tests ok";

    @AutoClose
    TelegramServiceFixture f;
    FakeTelegram telegram;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        f = new TelegramServiceFixture(dir, TOKEN, TOKEN, ChattyAgent.AGENT,
                ChattyAgent.runtime(CHATTY_LINES, CHATTY_STEP));
        telegram = f.telegram;
        f.startWithFleet("mos", "chatty");
    }

    @Test
    void anAllowedUsersPsIsAnsweredInTheGroupWithTheRostersAgents() {
        int id = telegram.userSays(GROUP, WATCHER, "watcher", "/mos ps");

        Posted reply = f.awaitReplyTo(id);
        assertThat(reply.text()).contains("mos", "echo-1", "echo-2", "chatty").contains("running");
        assertThat(f.repliesTo(id)).hasSize(1);
        assertThat(f.auditOf(id)).singleElement().satisfies(e -> {
            assertThat(e.record().action()).isEqualTo("chat.ps");
            assertThat(e.record().actor()).isEqualTo("telegram:" + WATCHER);
        });
    }

    @Test
    void aPerVerbCommandFromTheMenuWorks() {
        List<String> menu = new ArrayList<>();
        telegram.registeredCommands().forEach(c -> menu.add(c.path("command").asText()));
        assertThat(menu).contains("mos", "ps", "status", "confirm");

        int id = telegram.userSays(GROUP, OPS, "ops", "/status@" + FakeTelegram.BOT_USERNAME + " echo-2");

        assertThat(f.awaitReplyTo(id).text()).contains("echo-2").contains("running");
        assertThat(f.auditOf(id)).singleElement()
                .satisfies(e -> assertThat(e.record().action()).isEqualTo("chat.status"));
    }

    @Test
    void aStrangerIsRefusedWithTheirIdAndNothingRuns() {
        int id = telegram.userSays(GROUP, STRANGER, "stranger", "/mos send echo-2 intruder-was-here");

        assertThat(f.awaitReplyTo(id).text()).contains("I don't know you").contains(String.valueOf(STRANGER));
        assertThat(f.auditOf(id)).singleElement()
                .satisfies(e -> assertThat(e.record().result()).isEqualTo("refused: unknown sender"));
        assertThat(f.pane("echo-2")).doesNotContain("intruder-was-here");

        // the same in a direct message: that is where a new person learns the id to give an admin
        String dm = String.valueOf(STRANGER);
        int hello = telegram.userSays(dm, STRANGER, "stranger", "hello, can I use this?");
        await().atMost(30, TimeUnit.SECONDS).until(() -> !telegram.messagesIn(dm).isEmpty());
        assertThat(telegram.messagesIn(dm)).singleElement().satisfies(p -> {
            assertThat(p.text()).contains("I don't know you").contains("telegram id is " + STRANGER);
            assertThat(p.replyTo()).isEqualTo(hello);
        });
    }

    @Test
    void aConfirmationByButtonWorksOnlyForThePersonAsked() throws Exception {
        int add = telegram.userSays(GROUP, OWNER, "owner", "/mos add tempo runtime=demo role=demo");
        f.awaitReplyTo(add);
        await().atMost(10, TimeUnit.SECONDS).until(() -> Files.readString(f.rosterFile).contains("tempo"));
        int remove = telegram.userSays(GROUP, OWNER, "owner", "/mos remove tempo");
        Posted prompt = f.awaitReplyTo(remove);
        assertThat(prompt.text()).contains("confirm");
        assertThat(prompt.buttons()).extracting(Posted.Button::label).containsExactly("Confirm", "Cancel");

        // someone else presses: an operator Mos knows, and a stranger
        telegram.press(GROUP, prompt.messageId(), OPS, "ops", "Confirm");
        telegram.press(GROUP, prompt.messageId(), STRANGER, "stranger", "Confirm");
        await().atMost(30, TimeUnit.SECONDS).until(() -> f.repliesTo(prompt.messageId()).size() == 2);
        assertThat(f.repliesTo(prompt.messageId())).extracting(Posted::text).anySatisfy(t ->
                assertThat(t).contains("Nothing is waiting for your confirmation")).anySatisfy(t ->
                assertThat(t).contains("I don't know you").contains(String.valueOf(STRANGER)));
        assertThat(Files.readString(f.rosterFile)).contains("tempo");
        assertThat(telegram.posted(GROUP)).noneMatch(p -> p.kind().equals("edit"));

        // the person asked presses
        telegram.press(GROUP, prompt.messageId(), OWNER, "owner", "Confirm");
        await().atMost(30, TimeUnit.SECONDS).until(() -> !Files.readString(f.rosterFile).contains("tempo"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> telegram.posted(GROUP).stream().anyMatch(p -> p.kind().equals("edit")));
        assertThat(telegram.posted(GROUP).stream().filter(p -> p.kind().equals("edit")).toList()).singleElement()
                .satisfies(e -> {
                    assertThat(e.messageId()).isEqualTo(prompt.messageId());
                    assertThat(e.text()).endsWith("— Confirm by @owner");
                    assertThat(e.buttons()).isEmpty();
                });
        assertThat(telegram.callbackAnswers()).hasSize(3);
    }

    @Test
    void freeTextReachesTheOrchestratorAndItsSayAnswersInTheSameGroup() {
        int id = telegram.userSays(GROUP, OPS, "ops", "@" + FakeTelegram.BOT_USERNAME + " please summarize the build");

        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(f.pane("mos"))
                .containsPattern("mos got: .*please summarize the build"));
        await().atMost(60, TimeUnit.SECONDS).until(() -> posted("Mos (demo) heard:").stream()
                .anyMatch(p -> p.text().contains("please summarize the build")));

        CliRun say = f.cli(Map.of("MOSAIC_AGENT_NAME", "mos"), "mos", "say", "the build is green <and> safe & sound");
        assertThat(say.code()).as(say.err()).isZero();
        await().atMost(20, TimeUnit.SECONDS).until(() -> !posted("the build is green").isEmpty());
        assertThat(posted("the build is green")).singleElement()
                .satisfies(p -> assertThat(p.text()).contains("the build is green <and> safe & sound"));
        assertThat(f.auditOf(id)).hasSize(1);
    }

    @Test
    void aRedeliveredUpdateRunsOnceAndAnEditedMessageNeverRuns() {
        int once = telegram.userSays(GROUP, OPS, "ops", "/mos send echo-1 once-only");
        f.awaitReplyTo(once);
        telegram.redeliver(GROUP, once);
        int edited = telegram.userSays(GROUP, OPS, "ops", "/mos send echo-1 before-edit");
        f.awaitReplyTo(edited);
        telegram.userEdits(GROUP, edited, "/mos send echo-1 after-edit");
        int marker = telegram.userSays(GROUP, OPS, "ops", "/mos send echo-1 marker");
        f.awaitReplyTo(marker);

        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(f.pane("echo-1")).contains("echo-1 got: marker"));
        String pane = f.pane("echo-1");
        assertThat(count(pane, "echo-1 got: once-only")).isEqualTo(1);
        assertThat(pane).contains("echo-1 got: before-edit").doesNotContain("after-edit");
        assertThat(f.repliesTo(once)).hasSize(1);
        assertThat(f.auditOf(once)).hasSize(1);
    }

    @Test
    void floodControlIsWaitedOutAndTheAnswerStillArrives() {
        telegram.rateLimit("sendMessage", 1, 2);
        int id = telegram.userSays(GROUP, WATCHER, "watcher", "/mos whoami");

        assertThat(f.awaitReplyTo(id).text()).contains(String.valueOf(WATCHER));
        assertThat(telegram.limitedAt()).hasSize(1);
        long limited = telegram.limitedAt().get(0);
        long next = telegram.acceptedAt().stream().filter(t -> t > limited).findFirst().orElseThrow();
        assertThat(next - limited).as("retry_after 2 s honoured").isGreaterThanOrEqualTo(1900);
    }

    @Test
    void aTenThousandCharacterAnswerArrivesInValidPiecesOfAtMost4096() {
        int id = telegram.userSays(GROUP, OPS, "ops", "/mos tail chatty " + (CHATTY_LINES + 5));

        await().atMost(30, TimeUnit.SECONDS).until(() -> posted("build step").stream()
                .anyMatch(p -> p.text().contains("build step %03d".formatted(CHATTY_LINES))));
        List<Posted> parts = posted("build step");
        assertThat(parts.get(0).replyTo()).isEqualTo(id);
        assertThat(parts.stream().mapToInt(p -> p.text().length()).sum()).isGreaterThanOrEqualTo(10_000);
        assertThat(parts).hasSizeBetween(3, 4).allSatisfy(p -> {
            assertThat(p.text().length()).isLessThanOrEqualTo(4096);
            assertThat(p.html()).as("sent as HTML the fake parsed").isNotNull();
            assertThat(p.entities()).extracting(BotHtml.Entity::type).containsOnly("pre");
            assertThat(p.entities()).allSatisfy(e -> assertThat(e.offset() + e.length()).isLessThanOrEqualTo(p.text().length()));
            assertThat(p.buttons()).isEmpty();
        });
        String joined = String.join("\n", parts.stream().map(Posted::text).toList());
        assertStepsCompleteAndInOrder(joined, CHATTY_STEP, CHATTY_LINES);
    }

    private List<Posted> posted(String containing) {
        return telegram.messagesIn(GROUP).stream().filter(p -> p.text().contains(containing)).toList();
    }
}
