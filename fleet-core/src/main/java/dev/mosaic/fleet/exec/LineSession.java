package dev.mosaic.fleet.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A long-lived child process spoken to in lines: requests written to its stdin, its stdout read
 * line by line by a daemon thread into a queue, so a reader can wait for the next line with a
 * timeout. Both persistent sessions of the hot paths are one: tmux control mode and the remote
 * {@code ps} loop over ssh. Any failure marks the session broken; its owner then opens another or
 * falls back to a process per call.
 */
public final class LineSession implements AutoCloseable {

    /** What {@link #poll} returns once the process's output ended (compare with {@code ==}). */
    public static final String ENDED = new String("\u0000ended");

    private final Process process;
    private final OutputStream in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile boolean broken;

    /** @param readerName the name of the thread that reads the process's output */
    public LineSession(Process process, String readerName) {
        this.process = process;
        this.in = process.getOutputStream();
        Thread reader = new Thread(this::pump, readerName);
        reader.setDaemon(true);
        reader.start();
    }

    /** Whether requests may still be written: not broken, and the process runs. */
    public boolean usable() {
        return !broken && process.isAlive();
    }

    /** Writes {@code text} (UTF-8) and flushes it; a failure marks the session broken. */
    public void write(String text) throws IOException {
        try {
            in.write(text.getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    /** The next line; null when none came within {@code timeoutNanos}; {@link #ENDED} at the end. */
    public String poll(long timeoutNanos) throws InterruptedException {
        return timeoutNanos <= 0 ? lines.poll() : lines.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Marks the session unusable (its owner saw an answer it cannot trust). */
    public void markBroken() {
        broken = true;
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                lines.add(l);
            }
        } catch (IOException e) {
            // the process ended; the reader sees ENDED
        }
        broken = true;
        lines.add(ENDED);
    }

    /** Closes the process's stdin (which ends a well-behaved session) and stops the process. */
    @Override
    public void close() {
        broken = true;
        try {
            in.close();
        } catch (IOException e) {
            // already gone
        }
        process.destroy();
    }
}
