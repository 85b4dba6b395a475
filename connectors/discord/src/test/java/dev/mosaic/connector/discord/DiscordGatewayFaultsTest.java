package dev.mosaic.connector.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.discord.fake.FakeDiscord;
import dev.mosaic.connector.discord.fake.Posted;
import dev.mosaic.connector.testkit.TestConnectorContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Discord does to a long-running connection, produced by the fake on the real wire protocol:
 * op 7 RECONNECT, op 9 INVALID SESSION (resumable or not), a connection whose heartbeats go
 * unacknowledged (a zombie), a 429 on a reply, and its 2,000-character limit. In each case no
 * message is lost or delivered twice, and the connector ends up connected again.
 */
class DiscordGatewayFaultsTest {

    static final String TOKEN = "MTAy.faults-token.secret";
    static final String GUILD = "1112631390438166618";
    static final String CHANNEL = "1517622518662434996";
    static final String BOB = "334455667788990011";

    @TempDir
    Path state;

    FakeDiscord fake;
    DiscordConnector connector;
    TestConnectorContext context;
    final List<InboundMessage> inbound = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeDiscord(TOKEN, GUILD, List.of(CHANNEL));
        // short, so that two missed ACKs happen within a test (Discord announces ~41 s)
        fake.heartbeatInterval(Duration.ofMillis(1000));
        context = TestConnectorContext.in(state);
        connector = (DiscordConnector) new DiscordConnectorProvider().create(
                new ConnectorConfig("discord", Map.of("token", TOKEN, "guild", GUILD, "channels", List.of(CHANNEL),
                        "apiBase", fake.apiBase(), "gatewayUrl", fake.gatewayUrl(), "messageContent", "true")),
                context);
        connector.start(inbound::add);
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        fake.close();
    }

    @Test
    void opSevenReconnectResumesWithoutLosingOrRepeatingMessages() {
        String before = said("!mos ps");
        fake.requestReconnect();
        String whileAway = fake.userSays(CHANNEL, BOB, "bob", "!mos status coder-1");
        await().atMost(Duration.ofSeconds(60)).until(() -> fake.resumes() == 1 && fake.gatewayConnected());
        String after = said("!mos whoami");
        assertThat(ids()).containsExactly(before, whileAway, after);
        assertThat(fake.identifies()).as("resumed, not re-identified").isEqualTo(1);
        awaitConnectedAgain();
    }

    @Test
    void opNineResumableResumesTheSession() {
        String before = said("!mos ps");
        fake.invalidateSession(true);
        await().atMost(Duration.ofSeconds(60)).until(() -> fake.resumes() == 1 && fake.gatewayConnected());
        String after = said("!mos whoami");
        assertThat(ids()).containsExactly(before, after);
        assertThat(fake.identifies()).isEqualTo(1);
        awaitConnectedAgain();
    }

    @Test
    void opNineNotResumableIdentifiesAnewAndKeepsWorking() {
        String before = said("!mos ps");
        fake.invalidateSession(false);
        await().atMost(Duration.ofSeconds(60)).until(() -> fake.identifies() == 2 && fake.gatewayConnected());
        String after = said("!mos whoami");
        assertThat(ids()).containsExactly(before, after);
        awaitConnectedAgain();
    }

    @Test
    void aZombieConnectionWithoutHeartbeatAcksIsReplaced() {
        String before = said("!mos ps");
        int beats = fake.heartbeats();
        fake.withholdHeartbeatAcks();
        await().atMost(Duration.ofSeconds(60)).until(() -> fake.resumes() + fake.identifies() >= 2
                && fake.gatewayConnected());
        assertThat(fake.heartbeats()).as("heartbeats went on while unacknowledged").isGreaterThan(beats);
        String after = said("!mos whoami");
        assertThat(ids()).containsExactly(before, after);
        awaitConnectedAgain();
    }

    @Test
    void aRateLimitedReplyIsPostedOnceAfterRetryAfter() throws Exception {
        InboundMessage m = inbound(said("!mos ps"));
        fake.rateLimitNextPosts(1, 2);
        long start = System.nanoTime();
        connector.send(OutboundMessage.replyTo(m, "3 agents running"));
        long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(fake.posted(CHANNEL)).filteredOn(p -> p.content().equals("3 agents running")).singleElement()
                .satisfies(p -> assertThat(p.replyTo()).isEqualTo(m.messageId()));
        assertThat(fake.refusedPosts()).containsExactly("429 16");
        assertThat(tookMs).as("waited Retry-After (2 s) before posting again").isGreaterThanOrEqualTo(1900);
    }

    @Test
    void aReplyOverTwoThousandCharactersArrivesInPartsDiscordAccepts() throws Exception {
        InboundMessage m = inbound(said("!mos tail coder-1"));
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 4500; i++) {
            text.append("✓ step ").append(i).append(" 日本語 🎉 done\n");
        }
        String reply = text.toString().strip();
        connector.send(OutboundMessage.replyTo(m, reply));
        List<Posted> parts = fake.posted(CHANNEL).stream().filter(p -> p.content().contains("step ")).toList();
        assertThat(fake.refusedPosts()).as("nothing over Discord's limit was sent").isEmpty();
        assertThat(parts).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(p -> assertThat(p.content().codePointCount(0, p.content().length())).isLessThanOrEqualTo(2000));
        assertThat(String.join("\n", parts.stream().map(Posted::content).toList())).isEqualTo(reply);
    }

    private String said(String text) {
        String id = fake.userSays(CHANNEL, BOB, "bob", text);
        inbound(id);
        return id;
    }

    private InboundMessage inbound(String id) {
        await().atMost(Duration.ofSeconds(15)).until(() -> ids().contains(id));
        return inbound.stream().filter(m -> m.messageId().equals(id)).findFirst().orElseThrow();
    }

    private List<String> ids() {
        return inbound.stream().map(InboundMessage::messageId).toList();
    }

    private void awaitConnectedAgain() {
        await().atMost(Duration.ofSeconds(10)).until(() -> context.states().lastIndexOf(ConnectorState.CONNECTED)
                > Math.max(0, context.states().indexOf(ConnectorState.DEGRADED)));
    }
}
