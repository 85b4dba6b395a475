package dev.mosaic.mos.e2e;

import static dev.mosaic.mos.e2e.ChattyAgent.assertStepsCompleteAndInOrder;
import static dev.mosaic.mos.e2e.ChattyAgent.count;
import static dev.mosaic.mos.e2e.DiscordServiceFixture.CHANNEL;
import static dev.mosaic.mos.e2e.DiscordServiceFixture.OPS;
import static dev.mosaic.mos.e2e.DiscordServiceFixture.WATCHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.discord.fake.FakeDiscord;
import dev.mosaic.connector.discord.fake.Posted;
import dev.mosaic.mos.testing.CliRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 end to end: people in a Discord channel command the real Mos service. The real JDA
 * client talks to a fake Discord on loopback; agents are the demo preset's programs in real tmux
 * on a private socket. One service, one fake and one fleet for the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscordEndToEndTest {

    static final String TOKEN = "MTEx.e2e-bot-token.secret";
    static final String STRANGER = "998877665544332211";
    /** The {@link ChattyAgent}'s pane starts with ~5,100 characters of build output (for the long-reply test). */
    static final int CHATTY_LINES = 90;
    static final String CHATTY_STEP = "compiled the module and ran its tests ok";

    @AutoClose
    DiscordServiceFixture f;
    FakeDiscord discord;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        f = new DiscordServiceFixture(dir, TOKEN, TOKEN, "", ChattyAgent.AGENT,
                ChattyAgent.runtime(CHATTY_LINES, CHATTY_STEP));
        discord = f.discord;
        f.startWithFleet("mos", "chatty");
    }

    @Test
    void anAllowedUsersPsIsAnsweredInTheChannelWithTheRostersAgents() {
        String id = discord.userSays(CHANNEL, WATCHER, "watcher", "!mos ps");

        String reply = f.awaitReplyTo(id);
        assertThat(reply).contains("mos", "echo-1", "echo-2", "chatty").contains("running");
        assertThat(f.repliesTo(id)).hasSize(1);
        assertThat(f.auditOf(id)).singleElement().satisfies(e -> {
            assertThat(e.record().action()).isEqualTo("chat.ps");
            assertThat(e.record().actor()).isEqualTo("discord:" + WATCHER);
        });
    }

    @Test
    void aSlashCommandIsDeferredAndCompletedWithTheAnswer() {
        String status = discord.slash(CHANNEL, OPS, "ops", "status", Map.of("agent", "echo-2"));
        String ps = discord.slash(CHANNEL, WATCHER, "watcher", "ps", Map.of());

        await().atMost(30, TimeUnit.SECONDS).until(() -> !discord.interactionReplies(status).isEmpty()
                && !discord.interactionReplies(ps).isEmpty());
        assertThat(discord.callbacks(status)).as("deferred within Discord's 3 s").contains(5);
        assertThat(discord.interactionReplies(status)).first().satisfies(p -> {
            assertThat(p.via()).startsWith("edit-original");
            assertThat(p.content()).contains("echo-2").contains("running");
        });
        assertThat(discord.interactionReplies(ps)).first().satisfies(p ->
                assertThat(p.content()).contains("echo-1", "echo-2", "chatty"));
    }

    @Test
    void anUnknownUserIsRefusedByIdAndNothingRuns() {
        String id = discord.userSays(CHANNEL, STRANGER, "stranger", "!mos send echo-2 intruder-was-here");

        String reply = f.awaitReplyTo(id);
        assertThat(reply).contains("I don't know you").contains(STRANGER);
        assertThat(f.auditOf(id)).singleElement()
                .satisfies(e -> assertThat(e.record().result()).isEqualTo("refused: unknown sender"));
        assertThat(f.pane("echo-2")).doesNotContain("intruder-was-here");
    }

    @Test
    void freeTextReachesTheOrchestratorsPaneAndItsSayAnswersInTheSameChannel() {
        String id = discord.userSays(CHANNEL, OPS, "ops", "!mos please summarize the build");

        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(f.pane("mos"))
                .containsPattern("mos got: \\[discord #\\S+ ops\\(operator\\)\\] please summarize the build"));
        // the demo orchestrator runs `$MOSAIC_LAUNCHER mos say` from its own terminal (a child JVM)
        await().atMost(60, TimeUnit.SECONDS).until(() -> posted("Mos (demo) heard:").stream()
                .anyMatch(p -> p.content().contains("please summarize the build")));

        // and the same `mos say`, run in-process as the orchestrator, lands in that channel too
        CliRun say = f.cli(Map.of("MOSAIC_AGENT_NAME", "mos"), "mos", "say", "the build is green");
        assertThat(say.code()).as(say.err()).isZero();
        await().atMost(20, TimeUnit.SECONDS).until(() -> !posted("the build is green").isEmpty());
        assertThat(posted("the build is green")).singleElement()
                .satisfies(p -> assertThat(p.channelId()).isEqualTo(CHANNEL));
        assertThat(f.auditOf(id)).hasSize(1);
    }

    @Test
    void aDroppedGatewayResumesWithoutRunningAnyCommandTwice() {
        String before = discord.userSays(CHANNEL, OPS, "ops", "!mos send echo-1 before-the-drop");
        f.awaitReplyTo(before);
        int resumes = discord.resumes();
        int identifies = discord.identifies();

        // Discord may replay events the client already had: the command and the bot's own reply.
        discord.replayOnResume(2);
        discord.dropConnection();
        String whileAway = discord.userSays(CHANNEL, OPS, "ops", "!mos send echo-1 while-away");
        await().atMost(30, TimeUnit.SECONDS).until(() -> discord.resumes() == resumes + 1 && discord.gatewayConnected());
        String after = discord.userSays(CHANNEL, OPS, "ops", "!mos send echo-1 after-the-resume");

        f.awaitReplyTo(whileAway);
        String reply = f.awaitReplyTo(after);
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(f.pane("echo-1")).as(reply)
                .contains("echo-1 got: after-the-resume"));
        assertThat(discord.identifies()).as("resumed, not re-identified").isEqualTo(identifies);
        String pane = f.pane("echo-1");
        for (String word : List.of("before-the-drop", "while-away", "after-the-resume")) {
            assertThat(count(pane, "echo-1 got: " + word)).as(word + " typed into echo-1").isEqualTo(1);
        }
        for (String id : List.of(before, whileAway, after)) {
            assertThat(f.repliesTo(id)).as("replies to " + id).hasSize(1);
            assertThat(f.auditOf(id)).as("audit records of " + id).hasSize(1)
                    .allSatisfy(e -> assertThat(e.record().action()).isEqualTo("chat.send"));
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> f.connectorState("discord").path("state").asText()
                .equals("CONNECTED"));
    }

    @Test
    void aFiveThousandCharacterReplyArrivesAsFencedChunksOfAtMost2000Characters() {
        String id = discord.userSays(CHANNEL, OPS, "ops", "!mos tail chatty " + (CHATTY_LINES + 5));

        await().atMost(30, TimeUnit.SECONDS).until(() -> posted("build step").stream()
                .anyMatch(p -> p.content().contains("build step %03d".formatted(CHATTY_LINES))));
        List<Posted> parts = posted("build step");
        assertThat(parts.get(0).replyTo()).isEqualTo(id);
        assertThat(parts).hasSizeBetween(3, 3).allSatisfy(p -> {
            assertThat(p.content().length()).isLessThanOrEqualTo(2000);
            assertThat(p.content()).startsWith("```").endsWith("```");
            assertThat(count(p.content(), "```")).as("fences balanced in one message").isEven();
            assertThat(p.files()).isEmpty();
        });
        assertThat(parts.stream().mapToInt(p -> p.content().length()).sum()).isGreaterThanOrEqualTo(5000);
        String joined = String.join("\n", parts.stream().map(Posted::content).toList());
        assertStepsCompleteAndInOrder(joined, CHATTY_STEP, CHATTY_LINES);
    }

    private List<Posted> posted(String containing) {
        return discord.posted(CHANNEL).stream().filter(p -> p.content().contains(containing)).toList();
    }
}
