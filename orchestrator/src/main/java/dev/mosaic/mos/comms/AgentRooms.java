package dev.mosaic.mos.comms;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.Conversation;
import dev.mosaic.fleet.roster.RosterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which Matrix room belongs to which agent, kept in {@code $MOSAIC_HOME/mos/state/agent-rooms.json}
 * so a restarted service recognises messages in an agent's room before the connector has
 * provisioned the rooms again. Written atomically on every change.
 */
public final class AgentRooms {

    static final String PLATFORM = "matrix";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, String> roomByAgent = new LinkedHashMap<>();
    private final List<String> roomsAtStart;

    public AgentRooms(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        if (Files.exists(file)) {
            try {
                roomByAgent.putAll(JSON.readValue(Files.readString(file), new TypeReference<Map<String, String>>() { }));
            } catch (IOException | RuntimeException e) {
                throw new CommsException("cannot read the agent rooms in " + file + ": " + e.getMessage()
                        + " (delete it; the rooms are found again by their alias)");
            }
        }
        roomsAtStart = List.copyOf(roomByAgent.values());
    }

    /** The room of {@code agent}, if one was provisioned. */
    public synchronized Optional<Conversation> roomOf(String agent) {
        String id = roomByAgent.get(agent);
        return id == null ? Optional.empty() : Optional.of(Conversation.of(PLATFORM, id));
    }

    /** The agent whose room {@code conversation} is, if any. */
    public synchronized Optional<String> agentOf(Conversation conversation) {
        if (!PLATFORM.equals(conversation.platform())) {
            return Optional.empty();
        }
        return roomByAgent.entrySet().stream().filter(e -> e.getValue().equals(conversation.id()))
                .map(Map.Entry::getKey).findFirst();
    }

    /** Records {@code agent}'s room (a no-op when it is already recorded). */
    public synchronized void put(String agent, Conversation room) {
        if (room.id().equals(roomByAgent.get(agent))) {
            return;
        }
        roomByAgent.put(agent, room.id());
        try {
            RosterStore.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(roomByAgent));
        } catch (IOException e) {
            throw new CommsException("cannot write " + file + ": " + e.getMessage());
        }
    }

    /**
     * {@code configs} with the agent rooms known at start-up added to the matrix connector's
     * {@code rooms}, so the connector watches them from its very first sync: a message posted in an
     * agent room while Mos was down is not skipped as one in an unknown room before the rooms are
     * provisioned again. Always the start-up set, so that a room provisioned later does not change
     * the configuration and restart the connector at the next roster reload (the relay provisions
     * such rooms again whenever the connector connects).
     */
    public Map<String, ConnectorConfig> watchedBy(Map<String, ConnectorConfig> configs) {
        ConnectorConfig matrix = configs.get(PLATFORM);
        if (matrix == null || roomsAtStart.isEmpty()) {
            return configs;
        }
        Set<String> rooms = new LinkedHashSet<>(matrix.list("rooms"));
        rooms.addAll(roomsAtStart);
        Map<String, Object> values = new LinkedHashMap<>(matrix.values());
        values.put("rooms", new ArrayList<>(rooms));
        Map<String, ConnectorConfig> out = new LinkedHashMap<>(configs);
        out.put(PLATFORM, new ConnectorConfig(PLATFORM, values));
        return out;
    }

    /** Agent name to room id, in the order they were provisioned. */
    public synchronized Map<String, String> all() {
        return Map.copyOf(roomByAgent);
    }
}
