package dev.mosaic.connector.slack;

import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.connector.slack.fake.FakeSlack;
import dev.mosaic.connector.testkit.TestConnectorContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Tokens Slack rejects are permanent failures with a clear message that never shows a token. */
class SlackStartFailureTest {

    static final String CHANNEL = "C0MOSOPS1";
    static final String BOT = "xoxb-the-right-bot-token";
    static final String APP = "xapp-1-the-right-app-token";

    @Test
    void aRejectedBotTokenFailsPermanentlyWithoutLeakingIt(@TempDir Path state) throws Exception {
        String wrong = "xoxb-wrong-bot-token-do-not-print";
        TestConnectorContext context = TestConnectorContext.in(state);
        try (FakeSlack fake = new FakeSlack(BOT, APP, List.of(CHANNEL));
             SlackConnector connector = connector(fake.apiBase(), wrong, APP, context)) {

            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> connector.start(m -> { }));

            assertThat(e.permanent()).isTrue();
            assertThat(e.getMessage()).startsWith("Slack rejected the bot token (invalid_auth on auth.test)")
                    .contains("connectors.slack.botToken").doesNotContain(wrong);
            assertThat(context.reports()).last().satisfies(r -> {
                assertThat(r.state()).isEqualTo(ConnectorState.FAILED);
                assertThat(r.detail()).isEqualTo(e.getMessage());
            });
            assertThat(fake.requests("auth.test")).isEqualTo(1);
            assertThat(fake.connections()).isZero();
            assertThat(connector.toString()).doesNotContain(wrong);
        }
    }

    @Test
    void aRejectedAppTokenSaysItIsTheAppLevelToken(@TempDir Path state) throws Exception {
        String wrong = "xapp-1-wrong-app-token";
        TestConnectorContext context = TestConnectorContext.in(state);
        try (FakeSlack fake = new FakeSlack(BOT, APP, List.of(CHANNEL));
             SlackConnector connector = connector(fake.apiBase(), BOT, wrong, context)) {

            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> connector.start(m -> { }));

            assertThat(e.permanent()).isTrue();
            assertThat(e.getMessage()).startsWith("Slack rejected the app-level token (invalid_auth on apps.connections.open)")
                    .contains("connectors.slack.appToken").doesNotContain(wrong);
            assertThat(context.lastState()).isEqualTo(ConnectorState.FAILED);
            assertThat(fake.connections()).isZero();
        }
    }

    @Test
    void unreachableSlackIsATransientFailure(@TempDir Path state) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        TestConnectorContext context = TestConnectorContext.in(state);
        try (SlackConnector connector = connector("http://127.0.0.1:" + closedPort + "/api/", BOT, APP, context)) {

            ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> connector.start(m -> { }));

            assertThat(e.permanent()).isFalse();
            assertThat(e.getMessage()).contains("could not reach Slack for auth.test").doesNotContain(BOT);
            assertThat(context.lastState()).isEqualTo(ConnectorState.DEGRADED);
        }
    }

    private static SlackConnector connector(String apiBase, String bot, String app, TestConnectorContext context)
            throws ConnectorException {
        return (SlackConnector) new SlackConnectorProvider().create(new ConnectorConfig("slack", Map.of(
                "botToken", bot, "appToken", app, "channels", CHANNEL, "apiBase", apiBase)), context);
    }
}
