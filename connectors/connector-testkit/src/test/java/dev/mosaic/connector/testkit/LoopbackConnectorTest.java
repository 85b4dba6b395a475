package dev.mosaic.connector.testkit;

import dev.mosaic.connector.Acknowledger.Ack;
import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorProvider;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class LoopbackConnectorTest {

    @TempDir
    Path dir;

    @Test
    void queuesMessagesSaidBeforeStartAndSkipsHistoryFromBeforeTheServiceStarted() throws Exception {
        TestConnectorContext ctx = TestConnectorContext.in(dir);
        LoopbackConnector c = new LoopbackConnector(ctx);
        c.say(new InboundMessage("old", c.channel("general"), c.user("42"), "old news",
                ctx.startedAt().minusSeconds(60), Addressing.NONE));
        c.say(c.user("42"), c.channel("general"), "fresh");
        List<InboundMessage> got = new CopyOnWriteArrayList<>();

        c.start(got::add);
        c.say(c.user("42"), c.dm("dm-42"), "in a dm");

        await().untilAsserted(() -> assertThat(got).extracting(InboundMessage::text).containsExactly("fresh", "in a dm"));
        assertThat(got.get(1).addressing()).isEqualTo(Addressing.DIRECT);
        c.close();
    }

    @Test
    void reportsTheDropAndTheReconnectAndRecordsAcksTypingAndReplies() throws Exception {
        TestConnectorContext ctx = TestConnectorContext.in(dir);
        LoopbackConnector c = new LoopbackConnector(ctx);
        List<InboundMessage> got = new CopyOnWriteArrayList<>();
        c.start(got::add);

        c.dropConnection();
        assertThat(c.isConnected()).isFalse();
        InboundMessage m = c.say(c.user("42"), c.channel("general"), "while down");
        await().untilAsserted(() -> assertThat(got).containsExactly(m));
        assertThat(c.reconnects()).isEqualTo(1);
        assertThat(ctx.states()).containsSubsequence(ConnectorState.CONNECTED, ConnectorState.DEGRADED,
                ConnectorState.CONNECTED);

        c.acknowledge(m, Ack.DONE);
        c.typing(m.conversation());
        c.send(OutboundMessage.replyTo(m, "done"));

        assertThat(c.acks()).containsExactly(new LoopbackConnector.AckRecord(m.messageId(), Ack.DONE));
        assertThat(c.typingNotices()).containsExactly(m.conversation());
        assertThat(c.awaitReply().text()).isEqualTo("done");
        assertThat(c.pollReply()).isEmpty();

        c.close();
        assertThat(ctx.lastState()).isEqualTo(ConnectorState.STOPPED);
        assertThatThrownBy(() -> c.send(OutboundMessage.replyTo(m, "late")))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("closed");
    }

    @Test
    void isFoundWithServiceLoaderAndValidatesItsConfig() throws Exception {
        ConnectorProvider p = ServiceLoader.load(ConnectorProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(x -> x.type().equals("loopback")).findFirst().orElseThrow();
        TestConnectorContext ctx = TestConnectorContext.in(dir);

        var c = p.create(new ConnectorConfig("loopback", Map.of("maxMessageLength", "500", "codeBlocks", "false")), ctx);
        assertThat(c.capabilities().maxMessageLength()).isEqualTo(500);
        assertThat(c.capabilities().codeBlocks()).isFalse();

        assertThatThrownBy(() -> p.create(new ConnectorConfig("loopback", Map.of("maxMessageLength", "lots")), ctx))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("maxMessageLength").hasMessageContaining("lots");
    }

    @Test
    void provisionsOneConversationPerKeyAndRecordsTheInvitees() throws Exception {
        LoopbackConnector c = new LoopbackConnector(TestConnectorContext.in(dir));

        var first = c.provision("mosaic-coder-1", "coder-1", List.of("@owner:localhost"));
        var again = c.provision("mosaic-coder-1", "coder-1", List.of("@owner:localhost", "@ops:localhost"));

        assertThat(again).isEqualTo(first);
        assertThat(first.id()).isEqualTo("mosaic-coder-1");
        assertThat(c.provisioned().get("mosaic-coder-1").invited()).containsExactly("@owner:localhost", "@ops:localhost");
        assertThatThrownBy(() -> c.provision("Bad Key", "x", List.of()))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("Bad Key");
        c.close();
    }
}
