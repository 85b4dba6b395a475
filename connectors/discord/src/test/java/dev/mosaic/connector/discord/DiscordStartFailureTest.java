package dev.mosaic.connector.discord;

import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.connector.discord.fake.FakeDiscord;
import dev.mosaic.connector.testkit.TestConnectorContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A token Discord rejects is a permanent failure with a clear message that never shows the token. */
class DiscordStartFailureTest {

    static final String GUILD = "1112631390438166618";
    static final String CHANNEL = "1517622518662434996";

    @Test
    void rejectedTokenFailsPermanentlyWithoutLeakingIt(@TempDir Path state) throws Exception {
        String wrongToken = "MTAz.wrong-token.do-not-print";
        TestConnectorContext context = TestConnectorContext.in(state);
        try (FakeDiscord fake = new FakeDiscord("MTAz.the-right-token.x", GUILD, List.of(CHANNEL));
             DiscordConnector connector = (DiscordConnector) new DiscordConnectorProvider().create(
                     new ConnectorConfig("discord", Map.of("token", wrongToken, "guild", GUILD, "channel", CHANNEL,
                             "apiBase", fake.apiBase(), "gatewayUrl", fake.gatewayUrl())), context)) {

            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> connector.start(m -> { }));

            assertThat(e.permanent()).isTrue();
            assertThat(e.getMessage()).startsWith("Discord rejected the bot token (401").doesNotContain(wrongToken);
            assertThat(context.reports()).last().satisfies(r -> {
                assertThat(r.state()).isEqualTo(ConnectorState.FAILED);
                assertThat(r.detail()).doesNotContain(wrongToken);
            });
            assertThat(fake.identifies()).isZero();
            assertThat(connector.toString()).doesNotContain(wrongToken);
        }
    }

    @Test
    void messageContentIntentNotEnabledInThePortalIsAPermanentFailureThatSaysWhatToSwitch(@TempDir Path state)
            throws Exception {
        String token = "MTA0.intent-token.x";
        TestConnectorContext context = TestConnectorContext.in(state);
        try (FakeDiscord fake = new FakeDiscord(token, GUILD, List.of(CHANNEL));
             DiscordConnector connector = (DiscordConnector) new DiscordConnectorProvider().create(
                     new ConnectorConfig("discord", Map.of("token", token, "guild", GUILD, "channel", CHANNEL,
                             "messageContent", "true", "apiBase", fake.apiBase(), "gatewayUrl", fake.gatewayUrl())),
                     context)) {
            fake.allowMessageContentIntent(false);

            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> connector.start(m -> { }));

            assertThat(e.permanent()).isTrue();
            assertThat(e.getMessage()).contains("4014").contains("Message Content Intent")
                    .contains("messageContent: false");
            assertThat(context.states()).last().isEqualTo(ConnectorState.FAILED);
        }
    }

    @Test
    void unreachableDiscordIsATransientFailure(@TempDir Path state) throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        TestConnectorContext context = TestConnectorContext.in(state);
        try (DiscordConnector connector = (DiscordConnector) new DiscordConnectorProvider().create(
                new ConnectorConfig("discord", Map.of("token", "MTA1.any.x", "guild", GUILD, "channel", CHANNEL,
                        "apiBase", "http://127.0.0.1:" + closedPort + "/api/v10/",
                        "gatewayUrl", "ws://127.0.0.1:" + closedPort)), context)) {

            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> connector.start(m -> { }));

            assertThat(e.permanent()).isFalse();
            assertThat(e.getMessage()).contains("Discord").doesNotContain("MTA1.any.x");
        }
    }
}
