package dev.mosaic.mos.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.Conversation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentRoomsTest {

    @TempDir
    Path dir;

    @Test
    void roomsSurviveARestartAndMapBothWays() {
        Path file = dir.resolve("agent-rooms.json");
        AgentRooms rooms = new AgentRooms(file);
        assertThat(rooms.roomOf("coder-1")).isEmpty();
        rooms.put("coder-1", Conversation.of("matrix", "!a:localhost"));
        rooms.put("reviewer", Conversation.of("matrix", "!b:localhost"));

        AgentRooms again = new AgentRooms(file);
        assertThat(again.roomOf("coder-1")).contains(Conversation.of("matrix", "!a:localhost"));
        assertThat(again.agentOf(Conversation.of("matrix", "!b:localhost"))).contains("reviewer");
        assertThat(again.agentOf(Conversation.of("discord", "!b:localhost"))).isEmpty();
        assertThat(again.agentOf(Conversation.of("matrix", "!main:localhost"))).isEmpty();
    }

    @Test
    void theMatrixConnectorWatchesTheRoomsKnownAtStartBesidesItsOwn() {
        Path file = dir.resolve("agent-rooms.json");
        new AgentRooms(file).put("coder-1", Conversation.of("matrix", "!a:localhost"));
        AgentRooms rooms = new AgentRooms(file);
        rooms.put("late", Conversation.of("matrix", "!late:localhost"));
        Map<String, ConnectorConfig> configs = Map.of(
                "matrix", new ConnectorConfig("matrix", Map.of("userId", "@mos:localhost", "rooms", List.of("!main:localhost"))),
                "discord", new ConnectorConfig("discord", Map.of("channel", "1")));

        Map<String, ConnectorConfig> out = rooms.watchedBy(configs);
        assertThat(out.get("matrix").list("rooms")).containsExactly("!main:localhost", "!a:localhost");
        assertThat(out.get("matrix").get("userId")).contains("@mos:localhost");
        assertThat(out.get("discord")).isEqualTo(configs.get("discord"));
        // the same answer on every reload, so a room made later does not restart the connector
        assertThat(rooms.watchedBy(configs)).isEqualTo(out);
    }

    @Test
    void aDamagedFileIsNamedWithTheWayOut() throws Exception {
        Path file = dir.resolve("agent-rooms.json");
        Files.writeString(file, "{not json");
        assertThatThrownBy(() -> new AgentRooms(file)).isInstanceOf(CommsException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("found again by their alias");
    }
}
