package dev.mosaic.fleet.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Append-only JSONL audit log with a hash chain: each line carries {@code seq} and {@code prev},
 * the SHA-256 of the previous line, so editing or deleting a line breaks the chain. A small
 * {@code .head} file beside the log records the last sequence number and hash, so cutting lines
 * off the end is detected too.
 *
 * <p>Appends are serialized across processes with a file lock, so the CLI, the service and agents
 * can all write to the same log.
 */
public final class AuditLog {

    static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * A file lock belongs to the whole JVM: two instances locking the same file from two threads
     * would get OverlappingFileLockException, so threads of one JVM queue here first.
     */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS =
            new ConcurrentHashMap<>();

    private final Path file;
    private final Path head;
    private final Path lockFile;

    public AuditLog(Path file) {
        this.file = file;
        this.head = file.resolveSibling(file.getFileName() + ".head");
        this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
    }

    public Path file() {
        return file;
    }

    /**
     * Checks, without writing a record, that {@link #append} can write now: the log, its lock
     * and its head can be opened for writing. An operation that must not run unaudited asks
     * this first, so it is refused before it acts rather than acting unrecorded.
     *
     * @throws AuditException (kind unavailable) naming the file and the reason
     */
    public void requireWritable() {
        try {
            Files.createDirectories(file.getParent());
            for (Path p : new Path[] {file, lockFile}) {
                try (FileChannel ignored = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    // opened: writable
                }
            }
            if (Files.exists(head) && !Files.isRegularFile(head)) {
                throw new IOException(head + " is not a regular file");
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new AuditException("the audit log " + file + " cannot be written (" + e.getMessage() + ")", e);
        }
    }

    /** Appends one record, chained to the previous one. */
    public void append(AuditRecord record) {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile.toAbsolutePath().normalize(),
                f -> new ReentrantLock());
        jvmLock.lock();
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockChannel.lock()) {
                String[] last = readHead();
                long seq = Long.parseLong(last[0]) + 1;
                ObjectNode line = JSON.createObjectNode();
                line.put("seq", seq);
                line.put("time", record.time().toString());
                line.put("actor", record.actor());
                line.put("action", record.action());
                line.put("target", record.target());
                line.put("result", record.result());
                if (!record.details().isEmpty()) {
                    line.set("details", JSON.valueToTree(record.details()));
                }
                line.put("prev", last[1]);
                String text = JSON.writeValueAsString(line);
                Files.writeString(file, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                Path tmp = head.resolveSibling(head.getFileName() + ".tmp");
                Files.writeString(tmp, seq + " " + sha256(text) + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, head, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new AuditException("cannot append to audit log " + file + ": " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
    }

    /** Reads every record in order (without checking the chain). */
    public List<AuditEntry> read() {
        List<AuditEntry> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            int lineNo = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                out.add(parse(line, lineNo));
            }
        } catch (IOException e) {
            throw new AuditException("cannot read audit log " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Checks the chain. Returns an empty list when intact, else one message per break naming the
     * line, e.g. "line 7: prev does not match line 6 (edited or deleted)".
     */
    public List<String> verify() {
        List<String> problems = new ArrayList<>();
        if (!Files.exists(file)) {
            if (Files.exists(head)) {
                problems.add(file + " is missing but " + head.getFileName() + " says records were written");
            }
            return problems;
        }
        try {
            String prevHash = GENESIS;
            long expectSeq = 1;
            int lineNo = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    problems.add("line " + lineNo + ": not valid JSON");
                    prevHash = sha256(line);
                    expectSeq++;
                    continue;
                }
                if (!prevHash.equals(node.path("prev").asText())) {
                    problems.add("line " + lineNo + ": prev hash does not match the line before it"
                            + " (a record was edited, inserted or deleted)");
                }
                if (node.path("seq").asLong() != expectSeq) {
                    problems.add("line " + lineNo + ": seq " + node.path("seq").asLong() + " where " + expectSeq
                            + " was expected (a record was deleted or inserted)");
                }
                prevHash = sha256(line);
                expectSeq = node.path("seq").asLong() + 1;
            }
            String[] h = readHead();
            if (Long.parseLong(h[0]) != expectSeq - 1 || !h[1].equals(prevHash)) {
                problems.add("the log ends at seq " + (expectSeq - 1) + " but " + head.getFileName() + " records seq "
                        + h[0] + " (records were cut off the end or the last one was edited)");
            }
        } catch (IOException e) {
            throw new AuditException("cannot read audit log " + file + ": " + e.getMessage(), e);
        }
        return problems;
    }

    private String[] readHead() throws IOException {
        if (!Files.exists(head)) {
            return new String[] {"0", GENESIS};
        }
        String[] parts = Files.readString(head, StandardCharsets.UTF_8).strip().split(" ");
        if (parts.length != 2) {
            throw new AuditException(head + " is corrupt: expected '<seq> <sha256>'");
        }
        return parts;
    }

    private static AuditEntry parse(String line, int lineNo) {
        try {
            JsonNode n = JSON.readTree(line);
            @SuppressWarnings("unchecked")
            Map<String, Object> details = n.has("details") ? JSON.convertValue(n.get("details"), Map.class) : Map.of();
            return new AuditEntry(n.path("seq").asLong(),
                    new AuditRecord(Instant.parse(n.path("time").asText()), n.path("actor").asText(),
                            n.path("action").asText(), n.path("target").asText(), n.path("result").asText(), details),
                    n.path("prev").asText());
        } catch (IOException | RuntimeException e) {
            throw new AuditException("audit log line " + lineNo + " is not a valid record: " + e.getMessage(), e);
        }
    }

    static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A record with its position in the chain. */
    public record AuditEntry(long seq, AuditRecord record, String prev) {
    }

}
