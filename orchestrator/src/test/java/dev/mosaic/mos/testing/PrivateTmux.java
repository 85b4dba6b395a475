package dev.mosaic.mos.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway tmux server on a private socket ({@code mosaic-test-<random>}), so a test never
 * touches the default server; {@link #kill()} ends it.
 */
public final class PrivateTmux {

    private final String socket = "mosaic-test-" + UUID.randomUUID().toString().substring(0, 8);

    /** The socket name, for MOSAIC_TMUX_SOCKET. */
    public String socket() {
        return socket;
    }

    /** Runs tmux on this socket and returns what it printed (stdout and stderr together). */
    public String run(String... args) {
        List<String> argv = new ArrayList<>(List.of("tmux", "-L", socket));
        argv.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new AssertionError("tmux failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The content of agent (session) {@code agent}'s pane, with up to 5,000 lines of scrollback. */
    public String pane(String agent) {
        return run("capture-pane", "-p", "-J", "-S", "-5000", "-t", "=" + agent + ":0.0");
    }

    /** Ends the server and every session on it. */
    public void kill() {
        run("kill-server");
    }
}
