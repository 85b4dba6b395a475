package dev.mosaic.connector.matrix;

import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.InboundMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** One room per agent (comms mode): provisioning rooms by alias and watching them. */
class MatrixProvisionTest extends MatrixTestBase {

    @Test
    void aProvisionedRoomHasTheAliasTheInviteAndIsWatchedAsAChannel() throws Exception {
        MatrixConnector c = started(Map.of());

        Conversation conv = c.provision("mosaic-coder-1", "coder-1", List.of(OWNER));

        assertThat(hs.resolveAlias("#mosaic-coder-1:localhost")).isEqualTo(conv.id());
        assertThat(hs.events(conv.id())).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("m.room.member");
            assertThat(e.stateKey()).isEqualTo(OWNER);
            assertThat(e.content().path("membership").asText()).isEqualTo("invite");
        });
        hs.userJoins(OWNER, conv.id());
        String said = hs.userSends(OWNER, conv.id(), "please rebase on main");
        await().until(() -> received.stream().anyMatch(m -> m.messageId().equals(said)));
        InboundMessage m = received.get(0);
        // Two members, but a provisioned room is a channel, not a direct chat with Mos.
        assertThat(m.addressing()).isEqualTo(Addressing.NONE);
        assertThat(m.conversation()).isEqualTo(conv);
    }

    @Test
    void provisioningIsIdempotentAlsoAfterARestart() throws Exception {
        MatrixConnector first = started(Map.of());
        Conversation conv = first.provision("mosaic-reviewer", "reviewer", List.of(OWNER));
        assertThat(first.provision("mosaic-reviewer", "reviewer", List.of(OWNER))).isEqualTo(conv);
        first.close();
        int roomsBefore = hs.roomIds().size();

        MatrixConnector second = connector(context(Instant.now()), Map.of());
        second.start(received::add);
        assertThat(second.provision("mosaic-reviewer", "reviewer", List.of(OWNER))).isEqualTo(conv);

        assertThat(hs.roomIds()).hasSize(roomsBefore);
        hs.userJoins(OWNER, conv.id());
        String said = hs.userSends(OWNER, conv.id(), "status?");
        await().until(() -> received.stream().anyMatch(m -> m.messageId().equals(said)));
    }

    @Test
    void aKeyThatIsNoAliasIsRefusedNamingIt() throws Exception {
        MatrixConnector c = started(Map.of());

        assertThatThrownBy(() -> c.provision("Coder 1", "coder", List.of()))
                .isInstanceOf(ConnectorException.class)
                .hasMessageContaining("'Coder 1'");
    }
}
