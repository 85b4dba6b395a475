package dev.mosaic.mos.e2e;

import static dev.mosaic.mos.e2e.ChattyAgent.assertStepsCompleteAndInOrder;
import static dev.mosaic.mos.e2e.ChattyAgent.count;
import static dev.mosaic.mos.e2e.SlackServiceFixture.CHANNEL;
import static dev.mosaic.mos.e2e.SlackServiceFixture.OPS;
import static dev.mosaic.mos.e2e.SlackServiceFixture.OWNER;
import static dev.mosaic.mos.e2e.SlackServiceFixture.WATCHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.slack.fake.FakeSlack;
import dev.mosaic.connector.slack.fake.Posted;
import dev.mosaic.mos.testing.CliRun;
import java.nio.file.Files;
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
 * Issue 14 end to end: people in a Slack channel command the real Mos service. Real Bolt talks
 * Socket Mode to a fake Slack on loopback; agents are the demo preset's programs in real tmux on a
 * private socket. One service, one fake and one fleet for the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackEndToEndTest {

    static final String BOT_TOKEN = "xoxb-e2e-bot-token";
    static final String STRANGER = "U0STRANGE1";
    static final int CHATTY_LINES = 175;

    /** An extra agent whose pane starts with ~10,000 characters of build output, and one to remove. */
    static final String EXTRA_AGENTS = """
              - { name: chatty, role: demo, runtime: chatty }
              - { name: spare, role: demo, runtime: demo }
            """;
    static final String CHATTY_STEP = "compiled the module and ran its tests ok";

    @AutoClose
    SlackServiceFixture f;
    FakeSlack slack;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        f = new SlackServiceFixture(dir, BOT_TOKEN, BOT_TOKEN, EXTRA_AGENTS,
                ChattyAgent.runtime(CHATTY_LINES, CHATTY_STEP));
        slack = f.slack;
        f.startWithFleet("mos", "chatty");
    }

    @Test
    void anAllowedUsersPsIsAnsweredInTheThreadOfTheAskingMessage() {
        String ts = slack.userSays(CHANNEL, WATCHER, "!mos ps");

        String reply = f.awaitReplyTo(ts);
        assertThat(reply).contains("mos", "echo-1", "echo-2", "chatty").contains("running");
        assertThat(f.replies(ts)).hasSize(1);
        assertThat(f.auditOf(ts)).singleElement().satisfies(e -> {
            assertThat(e.record().action()).isEqualTo("chat.ps");
            assertThat(e.record().actor()).isEqualTo("slack:" + WATCHER);
        });
    }

    @Test
    void aStrangerIsRefusedWithTheirSlackIdAndNothingRuns() {
        String ts = slack.userSays(CHANNEL, STRANGER, "!mos send echo-2 intruder-was-here");

        String reply = f.awaitReplyTo(ts);
        assertThat(reply).contains("I don't know you").contains(STRANGER);
        assertThat(f.auditOf(ts)).singleElement()
                .satisfies(e -> assertThat(e.record().result()).isEqualTo("refused: unknown sender"));
        assertThat(f.pane("echo-2")).doesNotContain("intruder-was-here");
    }

    @Test
    void theSlashCommandIsAnsweredThroughItsResponseUrl() {
        String status = slack.slash(CHANNEL, OPS, "ops", "status echo-2");
        String mention = slack.mention(CHANNEL, WATCHER, "ps");

        await().atMost(60, TimeUnit.SECONDS).until(() -> !slack.responses(status).isEmpty());
        assertThat(slack.responses(status)).singleElement()
                .satisfies(p -> assertThat(p.text()).contains("echo-2").contains("running"));
        assertThat(f.awaitReplyTo(mention)).contains("echo-1", "echo-2");
        assertThat(f.replies(mention)).as("message and app_mention are one command").hasSize(1);
    }

    @Test
    void aConfirmationIsAButtonOnlyTheAskerCanPressAndTheMessageThenSaysWhoDecided() {
        String ts = slack.userSays(CHANNEL, OWNER, "!mos remove spare");
        f.awaitReplyTo(ts);
        Posted question = f.replies(ts).get(0);
        assertThat(question.text()).contains("This removes spare").contains("confirm ");
        assertThat(question.buttons()).containsExactly("Confirm", "Cancel");

        slack.press(question, 0, OPS, "ops");
        await().atMost(60, TimeUnit.SECONDS).until(() -> f.replies(ts).size() == 2);
        assertThat(f.replies(ts).get(1).text()).contains("Nothing is waiting for your confirmation here");
        assertThat(slack.updates()).as("a refused press leaves the buttons").isEmpty();
        assertThat(roster()).contains("name: spare");

        slack.press(question, 0, OWNER, "owner");
        await().atMost(60, TimeUnit.SECONDS).until(() -> f.replies(ts).size() == 3 && !slack.updates().isEmpty());
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(roster()).doesNotContain("name: spare"));
        assertThat(slack.updates()).singleElement().satisfies(u -> {
            assertThat(u.ts()).isEqualTo(question.ts());
            assertThat(u.blocks().toString()).contains("<@" + OWNER + "> chose *Confirm*").doesNotContain("\"actions\"");
        });
        assertThat(new dev.mosaic.fleet.audit.AuditLog(f.service.env().auditLog()).read().stream()
                .filter(e -> e.record().action().equals("chat.remove")).map(e -> e.record().actor() + " " + e.record().result())
                .toList()).contains("slack:" + OWNER + " pending confirmation", "slack:" + OWNER + " ok (confirmed)");
    }

    @Test
    void freeTextReachesTheOrchestratorAndItsSayComesBackToTheSameThread() {
        String ts = slack.userSays(CHANNEL, OPS, "!mos please summarize the build");

        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(f.pane("mos"))
                .containsPattern("mos got: \\[slack .*\\] please summarize the build"));
        // the demo orchestrator runs `$MOSAIC_LAUNCHER mos say` from its own terminal (a child JVM)
        await().atMost(90, TimeUnit.SECONDS).until(() -> f.replies(ts).stream()
                .anyMatch(p -> p.text().contains("Mos (demo) heard:") && p.text().contains("please summarize the build")));

        CliRun say = f.cli(Map.of("MOSAIC_AGENT_NAME", "mos"), "mos", "say", "the build is green & <!channel> ok");
        assertThat(say.code()).as(say.err()).isZero();
        await().atMost(30, TimeUnit.SECONDS).until(() -> f.replies(ts).stream()
                .anyMatch(p -> p.text().contains("the build is green")));
        assertThat(f.replies(ts)).filteredOn(p -> p.text().contains("the build is green")).singleElement()
                .satisfies(p -> assertThat(p.text()).contains("&amp; &lt;!channel&gt; ok").doesNotContain("<!channel>"));
        assertThat(f.auditOf(ts)).hasSize(1);
    }

    @Test
    void aRedeliveredEnvelopeAndARefreshRunEachCommandOnce() {
        String before = slack.userSays(CHANNEL, OPS, "!mos send echo-1 before-refresh");
        f.awaitReplyTo(before);
        slack.redeliver(before);
        int connections = slack.connections();

        slack.refresh();
        String during = slack.userSays(CHANNEL, OPS, "!mos send echo-1 during-refresh");
        slack.redeliver(during);
        await().atMost(30, TimeUnit.SECONDS).until(() -> slack.connections() > connections);
        String after = slack.userSays(CHANNEL, OPS, "!mos send echo-1 after-refresh");

        f.awaitReplyTo(during);
        f.awaitReplyTo(after);
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(f.pane("echo-1"))
                .contains("echo-1 got: after-refresh"));
        await().atMost(30, TimeUnit.SECONDS).until(() -> slack.unacked() == 0);
        String pane = f.pane("echo-1");
        for (String word : List.of("before-refresh", "during-refresh", "after-refresh")) {
            assertThat(count(pane, "echo-1 got: " + word)).as(word + " typed into echo-1").isEqualTo(1);
        }
        for (String ts : List.of(before, during, after)) {
            assertThat(f.replies(ts)).as("replies to " + ts).hasSize(1);
            assertThat(f.auditOf(ts)).as("audit records of " + ts).hasSize(1);
        }
        assertThat(f.connectorState("slack").path("state").asText()).isEqualTo("CONNECTED");
    }

    @Test
    void aRateLimitIsWaitedOutAndTheAnswerStillArrives() {
        int posts = slack.requests("chat.postMessage");
        slack.rateLimitNext("chat.postMessage", 2);
        long start = System.nanoTime();

        String ts = slack.userSays(CHANNEL, WATCHER, "!mos status echo-1");

        assertThat(f.awaitReplyTo(ts)).contains("echo-1");
        assertThat((System.nanoTime() - start) / 1_000_000).as("waited Retry-After: 2").isGreaterThanOrEqualTo(2000);
        assertThat(slack.requests("chat.postMessage") - posts).as("the 429, then the post").isGreaterThanOrEqualTo(2);
        assertThat(f.replies(ts)).hasSize(1);
    }

    @Test
    void aTenThousandCharacterAnswerArrivesInValidPiecesInTheThread() {
        String ts = slack.userSays(CHANNEL, OPS, "!mos tail chatty " + (CHATTY_LINES + 5));

        await().atMost(60, TimeUnit.SECONDS).until(() -> f.replies(ts).stream()
                .anyMatch(p -> p.text().contains("build step %03d".formatted(CHATTY_LINES))));
        List<Posted> parts = f.replies(ts);
        assertThat(parts).hasSizeBetween(4, 5).allSatisfy(p -> {
            assertThat(p.via()).isEqualTo("chat.postMessage");
            assertThat(p.text().length()).isLessThanOrEqualTo(3000);
            assertThat(p.text()).startsWith("```").endsWith("```");
            assertThat(count(p.text(), "```")).as("fences balanced in one message").isEven();
        });
        assertThat(parts.stream().mapToInt(p -> p.text().length()).sum()).isGreaterThanOrEqualTo(10_000);
        String joined = String.join("\n", parts.stream().map(Posted::text).toList());
        assertStepsCompleteAndInOrder(joined, CHATTY_STEP, CHATTY_LINES);
    }

    private String roster() {
        try {
            return Files.readString(f.rosterFile);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
