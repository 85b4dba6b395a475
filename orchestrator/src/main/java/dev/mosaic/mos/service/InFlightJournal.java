package dev.mosaic.mos.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.Sender;
import dev.mosaic.mos.chat.ChatRouter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat commands running now ({@code $MOSAIC_HOME/mos/state/in-flight.json}, 0600): an entry
 * is written when a command starts and removed when it is answered. Entries a crashed (or
 * cut-off) run left behind are its {@link #leftovers()}; the next run tells each sender that Mos
 * stopped while running their command ({@link CutOffReplies}) and then removes the entry.
 */
final class InFlightJournal implements ChatRouter.InFlight, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A command that was running when the previous run stopped. */
    record Entry(String key, InboundMessage message, String what) {
    }

    private final Path file;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<Entry> leftovers;
    private final CoalescedFile disk;

    InFlightJournal(Path file) {
        this.file = Objects.requireNonNull(file, "file");
        load();
        this.leftovers = List.copyOf(entries.values());
        // written off the command's thread: a command answered before the writer comes round never
        // touches the disk (see CoalescedFile for what a crash in that moment costs)
        this.disk = new CoalescedFile(file, this, this::render);
    }

    /** What the previous run left in flight (read when this journal was opened). */
    List<Entry> leftovers() {
        return leftovers;
    }

    @Override
    public synchronized void begun(InboundMessage m, String what) {
        entries.put(key(m), new Entry(key(m), m, what));
        disk.changed();
    }

    @Override
    public synchronized void ended(InboundMessage m) {
        if (entries.remove(key(m)) != null) {
            disk.changed();
        }
    }

    /** Removes a leftover once its sender was told. */
    synchronized void reported(Entry e) {
        if (entries.remove(e.key()) != null) {
            disk.changed();
        }
    }

    /** Waits until the file holds every change made so far. */
    void flush() {
        disk.flush();
    }

    /** Writes what is pending; changes after this are written at once. */
    @Override
    public void close() {
        disk.close();
    }

    private static String key(InboundMessage m) {
        return m.conversation().platform() + "\t" + m.messageId();
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            for (JsonNode n : JSON.readTree(file.toFile()).path("inFlight")) {
                JsonNode c = n.path("conversation");
                JsonNode s = n.path("sender");
                Conversation conv = new Conversation(c.path("platform").asText(), c.path("id").asText(),
                        c.hasNonNull("thread") ? c.get("thread").asText() : null, c.path("direct").asBoolean());
                Sender sender = new Sender(s.path("platform").asText(), s.path("id").asText(),
                        s.path("name").asText(""), false);
                InboundMessage m = new InboundMessage(n.path("messageId").asText(), conv, sender, "",
                        Instant.parse(n.path("sentAt").asText()), Addressing.DIRECT);
                entries.put(key(m), new Entry(key(m), m, n.path("what").asText()));
            }
        } catch (IOException | RuntimeException e) {
            // a damaged journal costs the cut-off notices, not the service
            LOG.warn("ignoring unreadable journal of commands in flight {}: {}", file, e.getMessage());
        }
    }

    private String render() {
        ObjectNode root = JSON.createObjectNode();
        var list = root.putArray("inFlight");
        for (Entry e : entries.values()) {
            InboundMessage m = e.message();
            ObjectNode n = list.addObject();
            n.put("messageId", m.messageId());
            ObjectNode c = n.putObject("conversation");
            c.put("platform", m.conversation().platform());
            c.put("id", m.conversation().id());
            c.put("thread", m.conversation().thread());
            c.put("direct", m.conversation().direct());
            ObjectNode s = n.putObject("sender");
            s.put("platform", m.sender().platform());
            s.put("id", m.sender().id());
            s.put("name", m.sender().displayName());
            n.put("sentAt", m.sentAt().toString());
            n.put("what", e.what());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new ServiceException("cannot encode the commands in flight: " + e.getMessage(), e);
        }
    }

    /** For tests: the entries now. */
    synchronized List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }
}
