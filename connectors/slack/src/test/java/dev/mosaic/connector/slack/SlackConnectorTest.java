package dev.mosaic.connector.slack;

import dev.mosaic.connector.Acknowledger.Ack;
import dev.mosaic.connector.Action;
import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.slack.fake.FakeSlack;
import dev.mosaic.connector.slack.fake.Posted;
import dev.mosaic.connector.testkit.TestConnectorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** The Slack connector through real Bolt against the fake Slack: what people and Slack would see. */
class SlackConnectorTest {

    static final String BOT_TOKEN = "xoxb-unit-bot-token";
    static final String APP_TOKEN = "xapp-1-unit-app-token";
    static final String CHANNEL = "C0MOSOPS1";
    static final String OTHER_CHANNEL = "C0RANDOM9";
    static final String ALICE = "U0ALICE01";
    static final String BOB = "W0BOB0001";

    @TempDir
    Path state;
    FakeSlack fake;
    TestConnectorContext context;
    SlackConnector connector;
    final List<InboundMessage> received = new CopyOnWriteArrayList<>();
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSlack(BOT_TOKEN, APP_TOKEN, List.of(CHANNEL, OTHER_CHANNEL));
        context = TestConnectorContext.in(state);
        connector = new SlackConnector(SlackSettings.from(new ConnectorConfig("slack", Map.of("botToken", BOT_TOKEN,
                "appToken", APP_TOKEN, "channels", CHANNEL, "apiBase", fake.apiBase()))), context, d -> {
                    waits.add(d);
                    Thread.sleep(d.toMillis());
                }, Duration.ofSeconds(3));
        connector.start(received::add);
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        fake.close();
    }

    private InboundMessage awaitText(String text) {
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(received).extracting(InboundMessage::text).contains(text));
        return received.stream().filter(m -> m.text().equals(text)).findFirst().orElseThrow();
    }

    private List<InboundMessage> withText(String text) {
        return received.stream().filter(m -> m.text().equals(text)).toList();
    }

    @Test
    void aMentionIsDeliveredOnceWithoutTheMentionAndTheReplyGoesIntoItsThread() throws Exception {
        String ts = fake.mention(CHANNEL, ALICE, "status echo-1");
        InboundMessage m = awaitText("status echo-1");
        String marker = fake.userSays(CHANNEL, ALICE, "marker after mention");
        awaitText("marker after mention");

        assertThat(withText("status echo-1")).as("message and app_mention are one message").hasSize(1);
        assertThat(m.addressing()).isEqualTo(Addressing.MENTION);
        assertThat(m.sender().id()).isEqualTo(ALICE);
        assertThat(m.messageId()).isEqualTo(ts);
        assertThat(m.conversation().thread()).isEqualTo(ts);
        assertThat(withText("marker after mention").get(0).addressing()).isEqualTo(Addressing.NONE);
        assertThat(marker).isNotEqualTo(ts);

        connector.send(OutboundMessage.replyTo(m, "echo-1 is running"));
        assertThat(fake.inThread(CHANNEL, ts)).singleElement()
                .satisfies(p -> assertThat(p.text()).isEqualTo("echo-1 is running"));
    }

    @Test
    void talkingInAThreadMosAnsweredInIsTalkingToMos() throws Exception {
        String ts = fake.userSays(CHANNEL, ALICE, "!mos ps");
        InboundMessage ask = awaitText("!mos ps");
        connector.send(OutboundMessage.replyTo(ask, "here is the fleet"));

        fake.userSaysInThread(CHANNEL, ts, ALICE, "confirm 1234");
        InboundMessage inThread = awaitText("confirm 1234");

        assertThat(inThread.addressing()).isEqualTo(Addressing.MENTION);
        assertThat(inThread.conversation()).isEqualTo(ask.conversation());
    }

    @Test
    void directMessagesAreDirectAndOtherChannelsAreNotWatched() throws Exception {
        fake.userSays(OTHER_CHANNEL, ALICE, "!mos ps in another channel");
        String dmTs = fake.dm(BOB, "ps");
        InboundMessage dm = awaitText("ps");

        assertThat(dm.addressing()).isEqualTo(Addressing.DIRECT);
        assertThat(dm.conversation().direct()).isTrue();
        assertThat(dm.conversation().id()).isEqualTo(FakeSlack.dmChannel(BOB));
        assertThat(dm.sender().id()).isEqualTo(BOB);
        assertThat(received).extracting(InboundMessage::text).doesNotContain("!mos ps in another channel");

        connector.send(OutboundMessage.replyTo(dm, "your fleet"));
        assertThat(fake.posted(FakeSlack.dmChannel(BOB))).singleElement().satisfies(p -> {
            assertThat(p.threadTs()).as("a DM is answered in the DM, not a thread").isNull();
            assertThat(p.ts()).isNotEqualTo(dmTs);
        });
    }

    @Test
    void theSlashCommandIsAckedAndAnsweredThroughItsResponseUrl() throws Exception {
        String trigger = fake.slash(CHANNEL, ALICE, "alice", "status echo-2");
        InboundMessage m = awaitText("status echo-2");

        assertThat(m.addressing()).isEqualTo(Addressing.SLASH_COMMAND);
        assertThat(m.sender().id()).isEqualTo(ALICE);
        await().atMost(5, TimeUnit.SECONDS).until(() -> fake.unacked() == 0);

        connector.send(OutboundMessage.replyTo(m, "echo-2 is running"));
        assertThat(fake.responses(trigger)).singleElement()
                .satisfies(p -> assertThat(p.text()).isEqualTo("echo-2 is running"));
    }

    @Test
    void theSlashCommandElsewhereIsRefusedOnlyToThePersonWhoRanIt() {
        fake.slash(OTHER_CHANNEL, ALICE, "alice", "ps");

        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(fake.ackTexts())
                .anySatisfy(t -> assertThat(t).contains("Mos listens in <#" + CHANNEL + ">")));
        assertThat(received).isEmpty();
    }

    @Test
    void actionsAreButtonsAndAPressIsTheCommandFromThePresserThenTheMessageSaysWhoDecided() throws Exception {
        String ts = fake.userSays(CHANNEL, ALICE, "!mos remove echo-1");
        InboundMessage ask = awaitText("!mos remove echo-1");
        connector.send(OutboundMessage.replyTo(ask, "This removes echo-1. Reply `confirm 4821`.")
                .withActions(List.of(new Action("Confirm", "confirm 4821", Action.Style.DANGER),
                        Action.of("Cancel", "cancel"))));
        Posted question = fake.inThread(CHANNEL, ts).get(0);
        assertThat(question.buttons()).containsExactly("Confirm", "Cancel");

        fake.press(question, 0, BOB, "bob");
        InboundMessage press = awaitText("confirm 4821");
        assertThat(press.addressing()).isEqualTo(Addressing.ACTION);
        assertThat(press.sender().id()).as("the presser, not the asker").isEqualTo(BOB);
        assertThat(press.conversation()).isEqualTo(ask.conversation());

        connector.acknowledge(press, Ack.FAILED);
        assertThat(fake.updates()).as("a refused press leaves the buttons").isEmpty();

        fake.press(question, 0, ALICE, "alice");
        await().atMost(10, TimeUnit.SECONDS).until(() -> withText("confirm 4821").size() == 2);
        InboundMessage second = withText("confirm 4821").get(1);
        assertThat(second.sender().id()).isEqualTo(ALICE);
        connector.acknowledge(second, Ack.DONE);

        assertThat(fake.updates()).singleElement().satisfies(u -> {
            assertThat(u.ts()).isEqualTo(question.ts());
            assertThat(u.blocks().toString()).contains("<@" + ALICE + "> chose *Confirm*").doesNotContain("\"actions\"");
        });
        // the edit comes back as message_changed: acked, not delivered
        await().atMost(10, TimeUnit.SECONDS).until(() -> fake.unacked() == 0);
        assertThat(received).hasSize(3);
    }

    @Test
    void agentTextCannotPingTheChannelOrFormMarkupAndBoldBecomesSlackBold() throws Exception {
        String ts = fake.userSays(CHANNEL, ALICE, "!mos tail echo-1");
        InboundMessage ask = awaitText("!mos tail echo-1");

        connector.send(OutboundMessage.replyTo(ask, "**done** <!channel> <!here|here> <!everyone> <@U0ALICE01> a & b"
                + " @here\n```java\nif (a < b && c > d) {}\n```"));

        Posted p = fake.inThread(CHANNEL, ts).get(0);
        assertThat(p.text()).doesNotContain("<!").doesNotContain("<@").doesNotContain("@here")
                .startsWith("*done* &lt;!channel&gt; &lt;!here|here&gt; &lt;!everyone&gt; &lt;@U0ALICE01&gt; a &amp; b")
                .contains("```\nif (a &lt; b &amp;&amp; c &gt; d) {}\n```");
    }

    @Test
    void aRateLimitedPostIsWaitedOutForItsRetryAfterAndThenArrives() throws Exception {
        String ts = fake.userSays(CHANNEL, ALICE, "!mos ps");
        InboundMessage ask = awaitText("!mos ps");
        fake.rateLimitNext("chat.postMessage", 1);

        connector.send(OutboundMessage.replyTo(ask, "after the rate limit"));

        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(fake.requests("chat.postMessage")).isEqualTo(2);
        assertThat(fake.inThread(CHANNEL, ts)).extracting(Posted::text).containsExactly("after the rate limit");
    }

    @Test
    void aFloodOfOutputGoesAsOneFileThroughTheExternalUploadFlow() throws Exception {
        String ts = fake.userSays(CHANNEL, ALICE, "!mos tail echo-1 2000");
        InboundMessage ask = awaitText("!mos tail echo-1 2000");
        StringBuilder log = new StringBuilder("```\n");
        for (int i = 0; i < 1000; i++) {
            log.append("line ").append(i).append(" of a long build log <ok>\n");
        }
        log.append("```");

        connector.send(OutboundMessage.replyTo(ask, log.toString()));

        assertThat(fake.inThread(CHANNEL, ts)).singleElement().satisfies(p -> {
            assertThat(p.via()).isEqualTo("file");
            assertThat(p.fileName()).isEqualTo("mos-output.txt");
            assertThat(p.fileContent()).startsWith("line 0 of a long build log <ok>").contains("line 999 of")
                    .doesNotContain("```");
            assertThat(p.text()).contains("attached as a file");
        });
        assertThat(fake.requests("files.getUploadURLExternal")).isEqualTo(1);
        assertThat(fake.requests("files.completeUploadExternal")).isEqualTo(1);
    }

    @Test
    void aDisconnectRefreshReconnectsAndEveryMessageArrivesExactlyOnce() throws Exception {
        awaitText(text(fake.userSays(CHANNEL, ALICE, "before refresh"), "before refresh"));
        int connections = fake.connections();

        fake.refresh();
        for (int i = 0; i < 5; i++) {
            fake.userSays(CHANNEL, ALICE, "during refresh " + i);
        }
        await().atMost(20, TimeUnit.SECONDS).until(() -> fake.connections() > connections);
        fake.userSays(CHANNEL, ALICE, "after refresh");
        awaitText("after refresh");
        await().atMost(20, TimeUnit.SECONDS).until(() -> fake.unacked() == 0);

        for (int i = 0; i < 5; i++) {
            assertThat(withText("during refresh " + i)).as("during refresh " + i).hasSize(1);
        }
        assertThat(withText("after refresh")).hasSize(1);
        assertThat(context.lastState()).isEqualTo(ConnectorState.CONNECTED);
    }

    @Test
    void aRedeliveredEnvelopeIsDeliveredOnce() throws Exception {
        String ts = fake.userSays(CHANNEL, ALICE, "restart echo-1");
        awaitText("restart echo-1");

        fake.redeliver(ts);
        fake.redeliver(ts);
        fake.userSays(CHANNEL, ALICE, "marker");
        awaitText("marker");
        await().atMost(10, TimeUnit.SECONDS).until(() -> fake.unacked() == 0);

        assertThat(withText("restart echo-1")).hasSize(1);
    }

    @Test
    void aBotTokenRevokedWhileRunningParksTheConnectorWithOneClearLine() throws Exception {
        String ts = fake.userSays(CHANNEL, ALICE, "!mos ps");
        InboundMessage ask = awaitText("!mos ps");
        fake.revokeBotToken();

        ConnectorException e = catchThrowableOfType(ConnectorException.class,
                () -> connector.send(OutboundMessage.replyTo(ask, "too late")));

        assertThat(e.permanent()).isTrue();
        assertThat(e.getMessage()).startsWith("Slack rejected the bot token (invalid_auth on chat.postMessage)");
        assertThat(context.reports()).last().satisfies(r -> {
            assertThat(r.state()).isEqualTo(ConnectorState.FAILED);
            assertThat(r.detail()).isEqualTo(e.getMessage());
        });
        assertThat(fake.inThread(CHANNEL, ts)).isEmpty();
    }

    @Test
    void aDroppedSocketIsDegradedThenConnectedAgainAndARevokedAppTokenParksTheConnector() throws Exception {
        fake.dropConnection();
        await().atMost(20, TimeUnit.SECONDS).until(() -> context.states().contains(ConnectorState.DEGRADED));
        await().atMost(30, TimeUnit.SECONDS).until(() -> context.lastState() == ConnectorState.CONNECTED
                && fake.openConnections() == 1);
        fake.userSays(CHANNEL, ALICE, "after the drop");
        awaitText("after the drop");

        fake.revokeAppToken();
        fake.dropConnection();

        await().atMost(30, TimeUnit.SECONDS).until(() -> context.lastState() == ConnectorState.FAILED);
        assertThat(context.reports()).last().satisfies(r -> assertThat(r.detail())
                .startsWith("Slack rejected the app-level token (invalid_auth on apps.connections.open)"));
    }

    private static String text(String ignoredTs, String text) {
        return text;
    }
}
