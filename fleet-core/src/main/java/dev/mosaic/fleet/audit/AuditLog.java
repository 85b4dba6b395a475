package dev.mosaic.fleet.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only JSONL audit log with a hash chain: each line carries {@code seq} and {@code prev},
 * the SHA-256 of the previous line, so editing or deleting a line breaks the chain. A small
 * {@code .head} file beside the log records the last sequence number and hash, so cutting lines
 * off the end is detected too.
 *
 * <p>Appends are serialized across processes with a file lock, so the CLI, the service and agents
 * can all write to the same log. The log and its head are owner-only (0600) and every append is
 * fsynced before it returns (concurrent appends share one fsync: group commit). Whoever opens the log next repairs what a crash left: a torn last line is set aside in
 * {@code audit.jsonl.torn} and a head one record behind is rolled forward ({@link #notes()} says
 * so). A rewrite of the whole chain by someone with the same Unix user is only detectable against
 * a head published elsewhere: {@link #head()} and {@link #verify(AuditHead)}.
 */
public final class AuditLog {

    static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    /**
     * A file lock belongs to the whole JVM: two instances locking the same file from two threads
     * would get OverlappingFileLockException, so threads of one JVM queue here first.
     */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS =
            new ConcurrentHashMap<>();

    private final Path file;
    private final Path head;
    private final Path lockFile;
    private final List<String> notes = new ArrayList<>();
    /** Queues records and writes them in batches, one fsync a batch. */
    private final GroupCommit commits;
    /** {@link AuditFiles#state} as this instance last left the log, repaired and whole; guarded by the JVM lock. */
    private String cleanState; // null: unknown, repair first

    public AuditLog(Path file) {
        this.file = file;
        this.head = file.resolveSibling(file.getFileName() + ".head");
        this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
        this.commits = new GroupCommit(this, file, head);
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
            AuditFiles.probeWritable(file, lockFile, head);
        } catch (IOException | UnsupportedOperationException e) {
            throw new AuditException("the audit log " + file + " cannot be written (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Appends one record, chained to the previous one, and forces it to disk before returning.
     *
     * <p>Group commit: records appended by several threads at once are written by whichever of
     * them gets the lock first, as one write, one fsync and one head update for them all; each
     * caller still returns only once its own record is on disk (or throws when it could not be
     * written), so the guarantee is the same as one fsync per record.
     */
    public void append(AuditRecord record) {
        commits.append(record);
    }

    /**
     * Queues a record that need not be on disk before the caller goes on (Mos's record of a chat
     * command that only read, such as {@code ps}), and returns at once: a background committer
     * (or the next {@link #append}, whichever comes first) writes it, in order with every other
     * record, with one fsync for all it finds queued. Readers in this process ({@link #read},
     * {@link #head}, {@link #verify()}) and {@link #flush} write it first. A record that cannot
     * be written is logged as an error; a crash in the milliseconds before it is written loses it.
     */
    public void appendSoon(AuditRecord record) {
        commits.appendSoon(record);
    }

    /** Writes every queued record ({@link #appendSoon}) now. */
    public void flush() {
        commits.flush();
    }

    /**
     * The current head of the chain (seq 0 and the genesis hash for an empty log), to publish
     * outside the machine and check later with {@link #verify(AuditHead)}.
     */
    public AuditHead head() {
        flush(); // records queued by appendSoon come first
        return locked(() -> {
            String[] h = AuditFiles.readHead(head);
            return new AuditHead(Long.parseLong(h[0]), h[1]);
        }, "read");
    }

    /**
     * What opening the log repaired since this instance was created, e.g. a torn last record set
     * aside after a crash; empty when nothing needed repair.
     */
    public List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    /** File work run by {@link #locked}; package-private for {@link GroupCommit}'s batch writes. */
    interface LockedIo<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code io} holding the JVM lock and the file lock, after repairing what a crash may have
     * left (a torn last line, a head one record behind), so every reader and writer sees a clean tail.
     */
    <T> T locked(LockedIo<T> io, String verb) {
        ReentrantLock jvmLock = jvmLock();
        jvmLock.lock();
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockChannel.lock()) {
                // Repair reads the whole log: only needed when someone else (another process, or a
                // crash) touched it since this instance last left it clean.
                if (cleanState == null || !cleanState.equals(AuditFiles.state(file, head))) {
                    recover();
                }
                T result = io.run();
                cleanState = AuditFiles.state(file, head);
                return result;
            }
        } catch (IOException e) {
            cleanState = null;
            throw new AuditException("cannot " + verb + " audit log " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanState = null;
            throw e;
        } finally {
            jvmLock.unlock();
        }
    }

    /** The lock threads of this JVM take for this log's file; {@link GroupCommit} queues on it too. */
    ReentrantLock jvmLock() {
        return JVM_LOCKS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), f -> new ReentrantLock());
    }

    private void recover() throws IOException {
        List<String> found = new ArrayList<>(AuditFiles.repairTornTail(file));
        if (Files.exists(head) && Files.exists(file)) {
            String[] h = AuditFiles.readHead(head);
            long headSeq = Long.parseLong(h[0]);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
            if (lines.size() > headSeq && extendsHead(lines, headSeq, h[1])) {
                String lastLine = lines.get(lines.size() - 1);
                AuditFiles.writeHead(head, new AuditHead(lines.size(), sha256(lastLine)));
                found.add(head.getFileName() + " was " + (lines.size() - headSeq)
                        + " record(s) behind the log (a crash between a record and its head); rebuilt from record "
                        + lines.size());
            }
        }
        if (!found.isEmpty()) {
            found.forEach(n -> LOG.warn("audit log {}: {}", file, n));
            synchronized (notes) {
                notes.addAll(found);
            }
        }
    }

    /** True when the records after the head's record chain onto it without a gap or an edit. */
    private static boolean extendsHead(List<String> lines, long headSeq, String headHash) {
        String prev = headSeq == 0 ? GENESIS : sha256(lines.get((int) headSeq - 1));
        if (!prev.equals(headHash)) {
            return false;
        }
        for (int i = (int) headSeq; i < lines.size(); i++) {
            JsonNode n;
            try {
                n = JSON.readTree(lines.get(i));
            } catch (JsonProcessingException e) {
                return false;
            }
            if (n.path("seq").asLong() != i + 1 || !prev.equals(n.path("prev").asText())) {
                return false;
            }
            prev = sha256(lines.get(i));
        }
        return true;
    }

    /** True when {@code line} parses as a chained record (has seq and prev). */
    static boolean isRecord(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            return n != null && n.has("seq") && n.has("prev");
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Reads every record in order (without checking the chain). */
    public List<AuditEntry> read() {
        flush(); // records queued by appendSoon come first
        if (!Files.exists(file)) {
            return new ArrayList<>();
        }
        return locked(() -> {
            List<AuditEntry> out = new ArrayList<>();
            int lineNo = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                out.add(parse(line, lineNo));
            }
            return out;
        }, "read");
    }

    /**
     * Checks the chain. Returns an empty list when intact, else one message per break naming the
     * line, e.g. "line 7: prev does not match line 6 (edited or deleted)".
     */
    public List<String> verify() {
        flush(); // records queued by appendSoon come first
        List<String> problems = new ArrayList<>();
        if (!Files.exists(file)) {
            if (Files.exists(head)) {
                problems.add(file + " is missing but " + head.getFileName() + " says records were written");
            }
            return problems;
        }
        return locked(() -> verifyChain(problems), "verify");
    }

    /**
     * {@link #verify()}, and also checks the log against a head published earlier (outside this
     * machine): the record with that seq must still exist and hash the same, so a log rewritten
     * from scratch together with its {@code .head} file is detected.
     */
    public List<String> verify(AuditHead published) {
        flush(); // records queued by appendSoon come first
        List<String> problems = new ArrayList<>(verify());
        if (published.seq() == 0) {
            return problems;
        }
        List<String> lines = locked(() -> Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank()).toList() : List.<String>of(), "verify");
        if (lines.size() < published.seq()) {
            problems.add("the log has " + lines.size() + " records but the published head " + published
                    + " names record " + published.seq() + " (records were removed)");
        } else if (!sha256(lines.get((int) published.seq() - 1)).equals(published.hash())) {
            problems.add("record " + published.seq() + " does not match the published head " + published
                    + " (the log was rewritten)");
        }
        return problems;
    }

    private List<String> verifyChain(List<String> problems) throws IOException {
        {
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
            String[] h = AuditFiles.readHead(head);
            if (Long.parseLong(h[0]) != expectSeq - 1 || !h[1].equals(prevHash)) {
                problems.add("the log ends at seq " + (expectSeq - 1) + " but " + head.getFileName() + " records seq "
                        + h[0] + " (records were cut off the end or the last one was edited)");
            }
        }
        return problems;
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
