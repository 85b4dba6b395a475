package dev.mosaic.fleet.tmux;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.exec.CommandRunner;
import dev.mosaic.fleet.exec.LineSession;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One persistent tmux control-mode connection ({@code tmux -C}) for the hot paths (send, ps,
 * capture): a command costs a line written and a {@code %begin}/{@code %end} block read instead of
 * a process. The client sits in a hidden session ({@link #SESSION}, a name no agent can have) so
 * it never attaches to an agent. Commands go one at a time and stop at the first error, as tmux
 * does for a {@code ;} list in one process. Any failure marks the client broken; the caller then
 * falls back to one process per call.
 */
final class ControlClient implements AutoCloseable {

    /** Starts with '_', which the agent name rule forbids: it can never collide with an agent. */
    static final String SESSION = "_mosaic-ctl";
    private final LineSession session;
    private final Duration timeout;
    private long sequence;

    private ControlClient(Process process, Duration timeout) {
        this.session = new LineSession(process, "mosaic-tmux-control");
        this.timeout = timeout;
    }

    /** Connects to (creating when needed) the hidden control session on a running server. */
    static ControlClient connect(CommandRunner runner, String socket, Duration timeout) throws IOException {
        // -A attaches when the session exists; its one window runs cat, which waits forever and prints nothing
        Process p;
        try {
            p = runner.spawn(List.of("tmux", "-u", "-L", socket, "-C", "new-session", "-A", "-s", SESSION, "-x", "80",
                    "-y", "24", "cat"));
        } catch (MosaicException e) {
            throw new IOException(e.getMessage(), e);
        }
        ControlClient c = new ControlClient(p, timeout);
        Block first = c.readBlock();
        if (first == null || !first.ok) {
            c.close();
            throw new IOException("tmux control mode did not start");
        }
        return c;
    }

    boolean usable() {
        return session.usable();
    }

    /**
     * Runs the commands in order, stopping at the first that fails; null when the connection broke.
     * They travel as one {@code ;} list (tmux skips the rest after an error, as it does for one
     * process) followed by a sentinel command, so a whole call costs one round trip whatever happens.
     */
    synchronized CommandResult run(List<List<String>> commands, List<String> argvForResult) {
        String sentinel = "mosaic-sync-" + (++sequence);
        StringBuilder line = new StringBuilder();
        for (List<String> command : commands) {
            if (line.length() > 0) {
                line.append(" ; ");
            }
            line.append(line(command));
        }
        line.append('\n').append(line(List.of("display-message", "-p", sentinel))).append('\n');
        StringBuilder out = new StringBuilder();
        String error = null;
        try {
            session.write(line.toString());
            while (true) {
                Block b = readBlock();
                if (b == null) {
                    session.markBroken();
                    return null;
                }
                if (b.ok && b.text.equals(sentinel + "\n")) {
                    break;
                }
                if (!b.ok && error == null) {
                    error = b.text;
                } else if (b.ok) {
                    out.append(b.text);
                }
            }
        } catch (IOException e) {
            session.markBroken();
            return null;
        }
        return new CommandResult(argvForResult, error == null ? 0 : 1, out.toString(), error == null ? "" : error);
    }

    /** True when every argument can travel on one control-mode line. */
    static boolean canCarry(List<List<String>> commands) {
        return commands.stream().flatMap(List::stream).noneMatch(a -> a.indexOf('\n') >= 0 || a.indexOf('\r') >= 0);
    }

    /** One command line for tmux's parser: every argument single-quoted, so nothing is expanded. */
    static String line(List<String> command) {
        StringBuilder sb = new StringBuilder();
        for (String a : command) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append('\'').append(a.replace("'", "'\"'\"'")).append('\'');
        }
        return sb.toString();
    }

    private record Block(boolean ok, String text) {
    }

    /** Skips notifications ({@code %output}, {@code %session-changed}, ...) up to the next reply block. */
    private Block readBlock() {
        String number = null;
        StringBuilder text = new StringBuilder();
        while (true) {
            String l = next();
            if (l == null) {
                return null;
            }
            if (number == null) {
                if (l.startsWith("%begin ")) {
                    number = field(l, 2);
                }
                continue;
            }
            if ((l.startsWith("%end ") || l.startsWith("%error ")) && number.equals(field(l, 2))) {
                return new Block(l.startsWith("%end "), text.toString());
            }
            text.append(l).append('\n');
        }
    }

    private String next() {
        try {
            String l = session.poll(timeout.toNanos());
            return l == null || l == LineSession.ENDED ? null : l;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String field(String line, int i) {
        String[] f = line.split(" ");
        return f.length > i ? f[i] : "";
    }

    @Override
    public void close() {
        session.close();
    }
}
