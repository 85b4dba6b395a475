package dev.mosaic.connector.discord;

import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.discord.fake.FakeDiscord;
import dev.mosaic.connector.testkit.TestConnectorContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Gateway drops: JDA resumes the session and nothing is lost or delivered twice. */
class DiscordResumeTest {

    static final String TOKEN = "MTAy.resume-token.secret";
    static final String GUILD = "1112631390438166618";
    static final String CHANNEL = "1517622518662434996";
    static final String BOB = "334455667788990011";

    @Test
    void droppedGatewayResumesWithoutLosingOrRepeatingMessages(@TempDir Path state) throws Exception {
        List<InboundMessage> inbound = new CopyOnWriteArrayList<>();
        TestConnectorContext context = TestConnectorContext.in(state);
        try (FakeDiscord fake = new FakeDiscord(TOKEN, GUILD, List.of(CHANNEL));
             DiscordConnector connector = (DiscordConnector) new DiscordConnectorProvider().create(
                     new ConnectorConfig("discord", Map.of("token", TOKEN, "guild", GUILD, "channels", List.of(CHANNEL),
                             "apiBase", fake.apiBase(), "gatewayUrl", fake.gatewayUrl(), "messageContent", "true")),
                     context)) {
            connector.start(inbound::add);
            assertThat(fake.intents() & (1L << 15)).as("MESSAGE_CONTENT intent requested").isNotZero();

            String before = fake.userSays(CHANNEL, BOB, "bob", "!mos ps");
            await().atMost(Duration.ofSeconds(10)).until(() -> ids(inbound).contains(before));

            // Discord may replay an event the client already had; the connector must not deliver it again.
            fake.replayOnResume(1);
            fake.dropConnection();
            String whileAway = fake.userSays(CHANNEL, BOB, "bob", "!mos status coder-1");
            await().atMost(Duration.ofSeconds(30)).until(() -> fake.resumes() == 1 && fake.gatewayConnected());
            String after = fake.userSays(CHANNEL, BOB, "bob", "!mos whoami");

            await().atMost(Duration.ofSeconds(10)).until(() -> ids(inbound).contains(after));
            assertThat(ids(inbound)).containsExactly(before, whileAway, after);
            assertThat(fake.identifies()).as("resumed, not re-identified").isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> context.states().lastIndexOf(ConnectorState.CONNECTED)
                    > context.states().indexOf(ConnectorState.DEGRADED));
            assertThat(context.states()).containsSubsequence(ConnectorState.CONNECTING, ConnectorState.CONNECTED,
                    ConnectorState.DEGRADED, ConnectorState.CONNECTED);
        }
        assertThat(context.states()).endsWith(ConnectorState.STOPPED);
    }

    private static List<String> ids(List<InboundMessage> inbound) {
        return inbound.stream().map(InboundMessage::messageId).toList();
    }
}
