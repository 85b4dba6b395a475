package dev.mosaic.mos.service;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private state file ({@link PrivateFiles}, 0600, atomic) kept up to date off the caller's
 * thread: {@link #changed()} only marks it stale, and one writer thread writes the newest content
 * whenever it is. A burst of changes costs one write, and no chat command waits on the disk —
 * writing the in-flight journal twice per command under one lock capped the router near 500
 * commands a second.
 *
 * <p>What this gives up: a change made in the moment before a crash (kill -9, power loss) may not
 * be on disk. Every owner's file is a courtesy record (who to tell after a crash, where to answer),
 * never the record of what ran: that is the audit log, written before a command acts.
 *
 * <p>Locks: the owner calls {@link #changed()} holding its own lock ({@code owner}); the writer
 * renders under that lock and writes after releasing it, so neither ever waits for the other's
 * disk write, and a version number keeps an older rendering from overwriting a newer one.
 */
final class CoalescedFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CoalescedFile.class);

    private final Path file;
    private final Object owner;
    private final Supplier<String> content;
    private final Object writing = new Object();
    private long requested;
    private long written;
    private long onDisk; // guarded by writing
    private boolean closed;
    private Thread writer;

    /**
     * @param owner the lock the owner holds when it changes its state and calls {@link #changed()}
     * @param content renders the whole file from the owner's state (called holding {@code owner})
     */
    CoalescedFile(Path file, Object owner, Supplier<String> content) {
        this.file = Objects.requireNonNull(file, "file");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.content = Objects.requireNonNull(content, "content");
    }

    /**
     * The owner's state changed (call holding the owner's lock): the file is written soon; after
     * {@link #close()}, at once on this thread.
     */
    void changed() {
        long version;
        synchronized (this) {
            version = ++requested;
            if (!closed) {
                if (writer == null) {
                    writer = new Thread(this::loop, "state " + file.getFileName());
                    writer.setDaemon(true);
                    writer.start();
                }
                notifyAll();
                return;
            }
        }
        write(content.get(), version);
    }

    /** Waits until every change made before this call is on disk (or the writer gave up on it). */
    void flush() {
        synchronized (this) {
            long target = requested;
            while (written < target && writer != null && writer.isAlive()) {
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Writes what is pending and stops the writer; later changes are written on the caller's thread. */
    @Override
    public void close() {
        Thread w;
        synchronized (this) {
            closed = true;
            notifyAll();
            w = writer;
        }
        if (w != null) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (true) {
            synchronized (this) {
                while (written == requested && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (written == requested) {
                    return; // closed, nothing pending
                }
            }
            String text;
            long version;
            synchronized (owner) {
                text = content.get();
                synchronized (this) {
                    version = requested; // every change up to here is in text
                }
            }
            write(text, version);
            synchronized (this) {
                written = Math.max(written, version);
                notifyAll();
            }
        }
    }

    private void write(String text, long version) {
        synchronized (writing) {
            if (version <= onDisk) {
                return; // a newer rendering is already there
            }
            try {
                PrivateFiles.write(file, text);
            } catch (RuntimeException e) {
                // a state file that cannot be written costs its courtesy (see the class comment), not the service
                LOG.warn("could not write {}: {}", file, e.getMessage());
            }
            onDisk = version;
        }
    }
}
