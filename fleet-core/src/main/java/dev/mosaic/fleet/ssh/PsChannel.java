package dev.mosaic.fleet.ssh;

import dev.mosaic.fleet.exec.LineSession;
import java.io.IOException;
import java.time.Duration;

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

    private final LineSession session;

    PsChannel(Process process) {
        this.session = new LineSession(process, "mosaic-ssh-ps");
    }

    /** The remote loop: one answer per request line, each ended by {@link #END}. */
    static String loop() {
        return "s=$1; f=$2; d=$3\nwhile IFS= read -r req; do\n" + RemoteSnapshot.BODY + "printf '\\036end\\n'\ndone\n";
    }

    boolean usable() {
        return session.usable();
    }

    /** One answer; null when the session ended, {@link #TIMED_OUT} when no answer came in time. */
    synchronized String ask(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            session.write("ps\n");
            StringBuilder out = new StringBuilder();
            while (true) {
                long left = deadline - System.nanoTime();
                String l = left <= 0 ? null : session.poll(left);
                if (l == null) {
                    close();
                    return TIMED_OUT;
                }
                if (l == LineSession.ENDED) {
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

    @Override
    public void close() {
        session.close();
    }
}
