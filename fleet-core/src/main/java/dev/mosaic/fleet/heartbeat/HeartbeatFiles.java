package dev.mosaic.fleet.heartbeat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and writes heartbeat files ({@code key=value} lines: {@code ts=<ISO-8601 UTC>},
 * {@code pid=<n>}, {@code status=<word>}, optionally {@code activity=<word>}) in the run dir.
 * Writes go to a temp file first and are moved into place, so a reader never sees half a beat.
 */
public final class HeartbeatFiles {

    /**
     * The live states a harness reports: {@code starting} until its first own beat, then {@code idle},
     * {@code working}, {@code waiting_approval} (a permission prompt), {@code waiting_input} (a
     * question or a dialog), {@code error}; {@code waiting} is the seed's older word for either wait.
     */
    public static final Set<String> ACTIVITIES = Set.of("starting", "idle", "working", "waiting", "waiting_approval",
            "waiting_input", "error");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.-]{1,40}");
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9_.:/@+-]{1,80}");

    private final Path runDir;
    private final Duration interval;
    private final Clock clock;

    public HeartbeatFiles(Path runDir, Duration interval, Clock clock) {
        this.runDir = Objects.requireNonNull(runDir, "runDir");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Path file(String agent) {
        return runDir.resolve(agent + ".heartbeat");
    }

    /** The agent's heartbeat; {@link Health#UNKNOWN} when there is no file or no parsable ts. */
    public Heartbeat read(String agent) {
        String text;
        try {
            text = readBounded(file(agent));
        } catch (NoSuchFileException e) {
            return Heartbeat.unknown();
        } catch (BadFile e) {
            // the file is there but is no heartbeat: unknown, and the status word says why
            return new Heartbeat(Health.UNKNOWN, null, null, null, e.getMessage(), null);
        } catch (IOException e) {
            return new Heartbeat(Health.UNKNOWN, null, null, null, "unreadable", null);
        }
        return parse(text);
    }

    /** The most a heartbeat file may hold; the seed contract's few key=value lines take ~200 bytes. */
    static final int MAX_BYTES = 4096;

    private static final class BadFile extends IOException {
        private static final long serialVersionUID = 1L;

        BadFile(String why) {
            super(why);
        }
    }

    /**
     * Reads a run-dir file without following a symlink and without reading past {@link #MAX_BYTES}:
     * any agent (same Unix user) can put a link to /dev/zero or a 50 MB file there, and ps must not
     * run out of memory over it.
     */
    private static String readBounded(Path file) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new BadFile("symlink-refused");
        }
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ,
                java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(MAX_BYTES + 1);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // fill up to one byte past the limit, enough to tell "too large"
            }
            if (buf.position() > MAX_BYTES) {
                throw new BadFile("too-large");
            }
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        }
    }

    /** A heartbeat file's content (read here or, for a remote agent, on its host) as a heartbeat now. */
    public Heartbeat parse(String text) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        Long pid = null;
        try {
            pid = kv.containsKey("pid") ? Long.valueOf(kv.get("pid")) : null;
        } catch (NumberFormatException e) {
            // an unparsable pid is reported as absent; health depends on ts only
        }
        Instant ts;
        try {
            ts = kv.containsKey("ts") ? Instant.parse(kv.get("ts")) : null;
        } catch (DateTimeParseException e) {
            ts = null;
        }
        Instant since = instant(kv.get("since"));
        boolean nativeBeat = kv.containsKey("native_ts");
        if (ts == null) {
            return new Heartbeat(Health.UNKNOWN, null, null, pid, kv.get("status"), kv.get("activity"), since,
                    kv.get("model"), nativeBeat);
        }
        Duration age = Duration.between(ts, clock.instant());
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
        Health health = age.compareTo(interval.multipliedBy(3)) <= 0 ? Health.HEALTHY : Health.STALE;
        return new Heartbeat(health, ts, age, pid, kv.get("status"), kv.get("activity"), since, kv.get("model"),
                nativeBeat);
    }

    private static Instant instant(String s) {
        try {
            return s == null ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Writes a native beat (from a runtime's hooks through {@code mosaic fleet heartbeat}).
     *
     * @param activity idle, working, waiting or {@code null}
     */
    public void write(String agent, long pid, String status, String activity) {
        if (status == null || !WORD.matcher(status).matches()) {
            throw new HeartbeatException("heartbeat status '" + status + "' must be one word of letters, digits,"
                    + " '.', '_' or '-'");
        }
        if (activity != null && !ACTIVITIES.contains(activity)) {
            throw new HeartbeatException("heartbeat activity '" + activity + "' must be one of "
                    + ACTIVITIES.stream().sorted().toList());
        }
        Heartbeat old = read(agent);
        String act = activity != null ? activity : old.activity();
        StringBuilder sb = new StringBuilder();
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        sb.append("ts=").append(now).append('\n');
        // marks the status and activity as the runtime's own, so the launcher's sidecar keeps them
        sb.append("native_ts=").append(now).append('\n');
        sb.append("pid=").append(pid).append('\n');
        sb.append("status=").append(status).append('\n');
        if (act != null && ACTIVITIES.contains(act)) {
            sb.append("activity=").append(act).append('\n');
            String since = act.equals(old.activity()) && old.since() != null ? old.since().toString() : now;
            sb.append("since=").append(since).append('\n');
        }
        if (old.model() != null && MODEL.matcher(old.model()).matches()) {
            sb.append("model=").append(old.model()).append('\n');
        }
        Path target = file(agent);
        try {
            if (!"waiting_approval".equals(act)) {
                Files.deleteIfExists(runDir.resolve(agent + ".request.json")); // the prompt it described is gone
            }
            Files.createDirectories(runDir);
            Path tmp = Files.createTempFile(runDir, "." + agent + ".heartbeat.", ".tmp");
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new HeartbeatException("cannot write heartbeat " + target + ": " + e.getMessage(), e);
        }
    }

    /** The payload of the permission request the agent waits on (written by its hook), or {@code null}. */
    public String pendingRequest(String agent) {
        try {
            return readBounded(runDir.resolve(agent + ".request.json"));
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * A hook killed with its agent leaves its lock behind, and the next process's hooks would wait
     * on it: removed after a stop, best effort (a hook still running keeps its lock; the hook
     * itself also takes over a lock whose holder died).
     */
    private static void dropLock(Path lock) {
        try {
            Files.deleteIfExists(lock.resolve("pid"));
            Files.deleteIfExists(lock);
        } catch (IOException e) {
            // held by a live hook: it removes the lock itself
        }
    }

    /** Removes the agent's heartbeat file (after a stop), so it reads as unknown, not stale. */
    public void delete(String agent) {
        try {
            Files.deleteIfExists(runDir.resolve(agent + ".request.json"));
            Files.deleteIfExists(file(agent));
            dropLock(runDir.resolve(agent + ".heartbeat.lock"));
        } catch (IOException e) {
            throw new HeartbeatException("cannot remove heartbeat " + file(agent) + ": " + e.getMessage(), e);
        }
    }
}
