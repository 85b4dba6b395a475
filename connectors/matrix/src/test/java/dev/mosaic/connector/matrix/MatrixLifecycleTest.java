package dev.mosaic.connector.matrix;

import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.testkit.TestConnectorContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Start, failure and recovery: tokens, passwords, failing syncs, reported states. */
class MatrixLifecycleTest extends MatrixTestBase {

    @Test
    void aRejectedTokenIsAPermanentFailureThatDoesNotLeakTheToken() throws Exception {
        TestConnectorContext ctx = context(Instant.now());
        MatrixConnector c = connector(ctx, Map.of("token", "not-the-right-token"));

        assertThatThrownBy(() -> c.start(received::add))
                .isInstanceOf(ConnectorException.class)
                .matches(e -> ((ConnectorException) e).permanent(), "permanent")
                .hasMessageContaining("M_UNKNOWN_TOKEN")
                .hasMessageNotContaining("not-the-right-token");
        assertThat(ctx.states()).contains(ConnectorState.FAILED);
    }

    @Test
    void aWrongPasswordIsAPermanentFailure() throws Exception {
        Map<String, Object> values = new HashMap<>();
        values.put("password", "guessed-password");
        values.put("token", "");
        MatrixConnector c = connector(context(Instant.now()), values);

        assertThatThrownBy(() -> c.start(received::add))
                .isInstanceOf(ConnectorException.class)
                .matches(e -> ((ConnectorException) e).permanent(), "permanent")
                .hasMessageContaining("connectors.matrix.password")
                .hasMessageNotContaining("guessed-password");
    }

    @Test
    void aPasswordLogsInAndStateChangesAreReported() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        Map<String, Object> values = new HashMap<>();
        values.put("password", "bot-password");
        values.put("rooms", List.of(room));
        values.put("token", "");
        TestConnectorContext ctx = context(Instant.now());
        MatrixConnector c = connector(ctx, values);
        c.start(received::add);
        hs.userSends(OWNER, room, "!mos whoami");
        await().until(() -> received.size() == 1);
        c.close();

        assertThat(ctx.states()).containsExactly(ConnectorState.CONNECTING, ConnectorState.CONNECTED,
                ConnectorState.STOPPED);
        assertThat(ctx.reports()).noneMatch(r -> r.detail().contains("bot-password"));
    }

    @Test
    void aFailingSyncDegradesAndRecoversWithoutLosingMessages() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        TestConnectorContext ctx = context(Instant.now());
        MatrixConnector c = connector(ctx, Map.of("rooms", List.of(room)));
        c.start(received::add);
        hs.failNextSyncs(3);

        String before = hs.userSends(OWNER, room, "!mos ps"); // ends the running poll; the next ones fail
        await().until(() -> ctx.states().contains(ConnectorState.DEGRADED));
        String after = hs.userSends(OWNER, room, "!mos status coder-1");
        await().until(() -> received.size() == 2);

        assertThat(received).extracting(InboundMessage::messageId).containsExactly(before, after);
        await().until(() -> ctx.states().equals(List.of(ConnectorState.CONNECTING, ConnectorState.CONNECTED,
                ConnectorState.DEGRADED, ConnectorState.CONNECTED)));
    }

    @Test
    void aTokenRevokedWhileRunningStopsTheConnectorAsFailed() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        TestConnectorContext ctx = context(Instant.now());
        MatrixConnector c = connector(ctx, Map.of("rooms", List.of(room)));
        c.start(received::add);

        hs.revokeToken(BOT_TOKEN);
        hs.userSends(OWNER, room, "!mos ps"); // wakes the running poll; the next one is refused

        await().until(() -> ctx.states().contains(ConnectorState.FAILED));
        assertThat(ctx.reports()).last().extracting(TestConnectorContext.StateReport::detail).asString()
                .contains("M_UNKNOWN_TOKEN")
                .doesNotContain(BOT_TOKEN);
    }

    @Test
    void aDroppedLongPollReconnectsAndMissesNothing() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        TestConnectorContext ctx = context(Instant.now());
        MatrixConnector c = connector(ctx, Map.of("rooms", List.of(room)));
        c.start(received::add);
        await().until(() -> hs.pendingSyncs() == 1);

        hs.dropSyncs();
        String whileDropped = hs.userSends(OWNER, room, "!mos ps");

        await().until(() -> received.stream().anyMatch(m -> m.messageId().equals(whileDropped)));
        await().until(() -> ctx.states().equals(List.of(ConnectorState.CONNECTING, ConnectorState.CONNECTED,
                ConnectorState.DEGRADED, ConnectorState.CONNECTED)));
        assertThat(received).extracting(InboundMessage::messageId).containsExactly(whileDropped);
    }
}
