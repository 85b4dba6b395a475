package dev.mosaic.mos.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.connector.Conversation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers, per agent, the conversation that last addressed it, so {@code mosaic mos say} from
 * that agent lands where the question came from. Kept in {@code conversations.json} in the
 * service's state directory (mode 0600), so it survives a restart.
 */
final class ConversationTracker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationTracker.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, Conversation> byAgent = new LinkedHashMap<>();
    private final CoalescedFile disk;

    /** @param file e.g. {@code $MOSAIC_HOME/mos/state/conversations.json}; read when it exists */
    public ConversationTracker(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        load();
        // every chat command may move a conversation: written off the command's thread
        this.disk = new CoalescedFile(file, this, this::render);
    }

    /** Writes what is pending; changes after this are written at once. */
    @Override
    public void close() {
        disk.close();
    }

    /** Records that {@code conversation} just addressed {@code agent}. */
    public synchronized void remember(String agent, Conversation conversation) {
        if (conversation.equals(byAgent.get(agent))) {
            return;
        }
        byAgent.put(agent, conversation);
        disk.changed();
    }

    /** The conversation that last addressed {@code agent}. */
    public synchronized Optional<Conversation> lastFor(String agent) {
        return Optional.ofNullable(byAgent.get(agent));
    }

    /** A conversation some agent was addressed from, by its {@link Conversation#key()}. */
    public synchronized Optional<Conversation> byKey(String key) {
        return byAgent.values().stream().filter(c -> c.key().equals(key)).findFirst();
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            root.path("agents").fields().forEachRemaining(e -> {
                JsonNode c = e.getValue();
                byAgent.put(e.getKey(), new Conversation(c.path("platform").asText(), c.path("id").asText(),
                        c.hasNonNull("thread") ? c.get("thread").asText() : null, c.path("direct").asBoolean()));
            });
        } catch (IOException | RuntimeException e) {
            // a damaged file costs the routing memory, not the service
            LOG.warn("ignoring unreadable conversation memory {}: {}", file, e.getMessage());
        }
    }

    private String render() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode agents = root.putObject("agents");
        byAgent.forEach((agent, c) -> {
            ObjectNode n = agents.putObject(agent);
            n.put("platform", c.platform());
            n.put("id", c.id());
            n.put("thread", c.thread());
            n.put("direct", c.direct());
        });
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new ServiceException("cannot encode " + file + ": " + e.getMessage(), e);
        }
    }
}
