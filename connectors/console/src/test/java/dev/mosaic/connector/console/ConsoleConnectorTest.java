package dev.mosaic.connector.console;

import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorProvider;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.testkit.TestConnectorContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ConsoleConnectorTest {

    @TempDir
    Path dir;

    @Test
    void eachLineIsADirectMessageFromTheConfiguredUserAndRepliesArePrefixed() throws Exception {
        TestConnectorContext ctx = TestConnectorContext.in(dir);
        var in = new ByteArrayInputStream("ps\n\n  send coder-1 \"hi\"  \n".getBytes(StandardCharsets.UTF_8));
        var screen = new ByteArrayOutputStream();
        var console = new ConsoleConnector("alice", in, new PrintStream(screen, true, StandardCharsets.UTF_8), ctx);
        List<InboundMessage> got = new CopyOnWriteArrayList<>();

        console.start(got::add);

        await().untilAsserted(() -> assertThat(got).extracting(InboundMessage::text)
                .containsExactly("ps", "send coder-1 \"hi\""));
        assertThat(got).allSatisfy(m -> {
            assertThat(m.addressing()).isEqualTo(Addressing.DIRECT);
            assertThat(m.conversation().key()).isEqualTo("console:tty");
            assertThat(m.sender().id()).isEqualTo("alice");
        });
        await().untilAsserted(() -> assertThat(ctx.lastState()).isEqualTo(ConnectorState.STOPPED));

        console.send(OutboundMessage.replyTo(got.get(0), "NAME  STATE\ncoder-1  running"));
        assertThat(screen.toString(StandardCharsets.UTF_8)).isEqualTo("mos> NAME  STATE\ncoder-1  running\n");
        assertThat(console.capabilities().maxMessageLength()).isEqualTo(100_000);
        assertThat(console.capabilities().codeBlocks()).isFalse();
        console.close();
    }

    @Test
    void providerIsRegisteredAndRequiresAUser() throws Exception {
        ConnectorProvider p = ServiceLoader.load(ConnectorProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.type().equals("console")).findFirst().orElseThrow();
        TestConnectorContext ctx = TestConnectorContext.in(dir);

        assertThatThrownBy(() -> p.create(new ConnectorConfig("console", Map.of()), ctx))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("connectors.console.user");
        assertThat(p.create(new ConnectorConfig("console", Map.of("user", "bob")), ctx).capabilities().codeBlocks()).isFalse();
    }
}
