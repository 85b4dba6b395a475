package dev.mosaic.connector.discord;

import dev.mosaic.connector.Acknowledger.Ack;
import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.discord.fake.FakeDiscord;
import dev.mosaic.connector.discord.fake.Posted;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real JDA client against the fake Discord on loopback: one fake and one connector for the class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscordConnectorTest {

    static final String TOKEN = "MTAx.fake-bot-token.secret";
    static final String GUILD = "1112631390438166618";
    static final String WATCHED = "1517622518662434996";
    static final String UNWATCHED = "1517622518662434997";
    static final String ALICE = "223344556677889900";

    FakeDiscord fake;
    DiscordConnector connector;
    RecordingContext context;
    final List<InboundMessage> inbound = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start(@TempDir Path state) throws Exception {
        fake = new FakeDiscord(TOKEN, GUILD, List.of(WATCHED, UNWATCHED));
        context = new RecordingContext(Instant.now(), state);
        ConnectorConfig config = new ConnectorConfig("discord", Map.of("token", TOKEN, "guild", GUILD,
                "channel", WATCHED, "apiBase", fake.apiBase(), "gatewayUrl", fake.gatewayUrl()));
        connector = (DiscordConnector) new DiscordConnectorProvider().create(config, context);
        connector.start(inbound::add);
    }

    @AfterAll
    void stop() throws Exception {
        connector.close();
        fake.close();
    }

    InboundMessage awaitInbound(String messageId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> find(messageId).isPresent());
        return find(messageId).orElseThrow();
    }

    Optional<InboundMessage> find(String messageId) {
        return inbound.stream().filter(m -> m.messageId().equals(messageId)).findFirst();
    }

    @Test
    void prefixCommandIsDeliveredAndTheReplyIsChainedToIt() throws Exception {
        String id = fake.userSays(WATCHED, ALICE, "alice", "!mos ps");

        InboundMessage m = awaitInbound(id);
        assertThat(m.addressing()).isEqualTo(Addressing.NONE);
        assertThat(m.text()).isEqualTo("!mos ps");
        assertThat(m.sender().id()).isEqualTo(ALICE);
        assertThat(m.sender().bot()).isFalse();
        assertThat(m.conversation().id()).isEqualTo(WATCHED);
        assertThat(context.states()).contains(ConnectorState.CONNECTING, ConnectorState.CONNECTED);

        connector.send(OutboundMessage.replyTo(m, "3 agents running"));

        assertThat(fake.posted(WATCHED)).filteredOn(p -> p.content().equals("3 agents running"))
                .singleElement().extracting(Posted::replyTo).isEqualTo(id);
    }

    @Test
    void slashCommandArrivesAsVerbLineAndTheReplyCompletesTheInteraction() throws Exception {
        String id = fake.slash(WATCHED, ALICE, "alice", "send", Map.of("agent", "coder-1", "text", "hi"));

        InboundMessage m = awaitInbound(id);
        assertThat(m.addressing()).isEqualTo(Addressing.SLASH_COMMAND);
        assertThat(m.text()).isEqualTo("send coder-1 hi");
        assertThat(m.sender().id()).isEqualTo(ALICE);
        await().atMost(Duration.ofSeconds(5)).until(() -> fake.callbacks(id).contains(5));

        connector.send(OutboundMessage.replyTo(m, "sent to coder-1"));
        connector.send(OutboundMessage.replyTo(m, "coder-1 answered"));

        assertThat(fake.interactionReplies(id)).extracting(Posted::content, Posted::via)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sent to coder-1", "edit-original:" + id));
        assertThat(fake.posted(WATCHED)).filteredOn(p -> p.content().equals("coder-1 answered"))
                .singleElement().satisfies(p -> {
                    assertThat(p.via()).isEqualTo("channel");
                    assertThat(p.replyTo()).isNull();
                });
    }
}
