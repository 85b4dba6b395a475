package dev.mosaic.fleet.update;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.fleet.FleetException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code $MOSAIC_HOME/updates/}: the history of update runs ({@code history.jsonl}, one
 * {@link UpdateReport} per line, appended), each run's log, and the lock that lets one update run
 * at a time.
 */
public final class UpdateHistory {

    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Path dir;

    public UpdateHistory(Path mosaicHome) {
        this.dir = mosaicHome.resolve("updates");
    }

    public Path dir() {
        return dir;
    }

    public Path file() {
        return dir.resolve("history.jsonl");
    }

    Path log(String id) {
        return dir.resolve(id + ".log");
    }

    /** Appends one run. */
    public synchronized void append(UpdateReport report) {
        try {
            Files.createDirectories(dir);
            Files.writeString(file(), JSON.writeValueAsString(report) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new FleetException("cannot record the update in " + file() + ": " + e.getMessage(), e);
        }
    }

    /** Every recorded run, oldest first; a line that cannot be read is named in the exception. */
    public List<UpdateReport> read() {
        List<UpdateReport> out = new ArrayList<>();
        if (!Files.isRegularFile(file())) {
            return out;
        }
        try {
            List<String> lines = Files.readAllLines(file(), StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                try {
                    out.add(JSON.readValue(lines.get(i), UpdateReport.class));
                } catch (IOException e) {
                    throw new FleetException(file() + ":" + (i + 1) + ": not an update record: " + e.getMessage());
                }
            }
            return out;
        } catch (IOException e) {
            throw new FleetException("cannot read " + file() + ": " + e.getMessage(), e);
        }
    }

    /** Takes the one-update-at-a-time lock; close it when the run ends. */
    AutoCloseable lock() {
        try {
            Files.createDirectories(dir);
            FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                throw new UpdateException("another update is running (lock " + dir.resolve(".lock") + "); wait for it"
                        + " or see 'mosaic fleet update --history'");
            }
            FileLock held = lock;
            return () -> {
                held.release();
                ch.close();
            };
        } catch (IOException e) {
            throw new FleetException("cannot lock " + dir + ": " + e.getMessage(), e);
        }
    }
}
