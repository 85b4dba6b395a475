package dev.mosaic.fleet.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A long-lived remote shell session (one session on the host's master connection) that answers
 * {@code ps} requests with {@link RemoteSnapshot#BODY}: a request costs a line written and the
 * answer read, not an ssh client process and a new remote session. The remote loop is fixed text;
 * the socket, format and run dir are its arguments, fixed when it starts. Used by the long-lived
 * service; any failure closes it and the caller opens another (or falls back to one call).
 */
final class PsChannel implements AutoCloseable {

    static final String END = "\u001eend";
    /** What {@link #ask} returns when the host did not answer in time (the session may still live). */
    static final String TIMED_OUT = "\u0000timeout";
    private static final String EOF = "\u0000eof";

    private final Process process;
    private final OutputStream in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile boolean broken;

    PsChannel(Process process) {
        this.process = process;
        this.in = process.getOutputStream();
        Thread reader = new Thread(this::pump, "mosaic-ssh-ps");
        reader.setDaemon(true);
        reader.start();
    }

    /** The remote loop: one answer per request line, each ended by {@link #END}. */
    static String loop() {
        return "s=$1; f=$2; d=$3\nwhile IFS= read -r req; do\n" + RemoteSnapshot.BODY + "printf '\\036end\\n'\ndone\n";
    }

    boolean usable() {
        return !broken && process.isAlive();
    }

    /** One answer; null when the session ended, {@link #TIMED_OUT} when no answer came in time. */
    synchronized String ask(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            in.write("ps\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            StringBuilder out = new StringBuilder();
            while (true) {
                long left = deadline - System.nanoTime();
                String l = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                if (l == null) {
                    close();
                    return TIMED_OUT;
                }
                if (l == EOF) {
                    close();
                    return null;
                }
                if (l.equals(END)) {
                    return out.toString();
                }
                out.append(l).append('\n');
            }
        } catch (IOException e) {
            close();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            return null;
        }
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                lines.add(l);
            }
        } catch (IOException e) {
            // the session ended; the reader sees EOF
        }
        broken = true;
        lines.add(EOF);
    }

    @Override
    public void close() {
        broken = true;
        try {
            in.close();
        } catch (IOException e) {
            // closing stdin ends the remote loop
        }
        process.destroy();
    }
}
