package dev.mosaic.mos.chat;

import dev.mosaic.connector.InboundMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Makes sure Mos acts on each platform message once, even when the platform redelivers it after a
 * reconnect or the service restarts in between.
 *
 * <p>Ids seen are kept in memory and appended to a file ({@code platform<TAB>id} per line).
 * Only the newest {@code capacity} ids are kept; when the file holds twice that many lines it is
 * rewritten (atomically) with the newest {@code capacity}. Messages sent before history ends (the
 * very first start; after a restart, when the previous run was last seen running) are history,
 * never commands, and are ignored without being recorded.
 */
public final class MessageDeduper {

    private final Path file;
    private final int capacity;
    private final Instant startedAt;
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();
    private int linesInFile;

    /**
     * @param file where ids are kept, e.g. {@code $MOSAIC_HOME/mos/state/seen-messages.txt}
     * @param capacity how many recent ids to remember (e.g. 10,000)
     * @param startedAt where history ends; older messages are ignored
     */
    public MessageDeduper(Path file, int capacity, Instant startedAt) {
        this.file = Objects.requireNonNull(file, "file");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        if (capacity < 1) {
            throw new ChatException("deduper capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
        load();
    }

    /**
     * Records the message and returns true the first time its {@code platform + messageId} is seen;
     * false for a repeat or a message from before the service started.
     */
    public synchronized boolean firstTime(InboundMessage message) {
        if (message.sentBefore(startedAt)) {
            return false;
        }
        String key = key(message.conversation().platform(), message.messageId());
        if (!seen.add(key)) {
            return false;
        }
        while (seen.size() > capacity) {
            seen.remove(seen.iterator().next());
        }
        append(key);
        return true;
    }

    /** How many ids are remembered. */
    public synchronized int size() {
        return seen.size();
    }

    private static String key(String platform, String messageId) {
        // One record per line: line breaks and tabs inside ids must not split it.
        return platform.replaceAll("[\\t\\r\\n]", "_") + "\t" + messageId.replaceAll("[\\t\\r\\n]", "_");
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            linesInFile = lines.size();
            for (String line : lines) {
                if (line.indexOf('\t') > 0) {
                    seen.remove(line); // keep insertion order = most recent sighting
                    seen.add(line);
                }
            }
            while (seen.size() > capacity) {
                seen.remove(seen.iterator().next());
            }
        } catch (IOException e) {
            throw new ChatException("cannot read the seen-messages file " + file + ": " + e.getMessage(), e);
        }
    }

    private void append(String key) {
        try {
            Files.createDirectories(file.getParent());
            if (linesInFile + 1 > 2 * capacity) {
                compact();
                return;
            }
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            linesInFile++;
        } catch (IOException e) {
            throw new ChatException("cannot write the seen-messages file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Rewrites the file with just the remembered ids (which include the newest one). */
    private void compact() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        List<String> lines = new ArrayList<>(seen);
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        linesInFile = lines.size();
    }
}
