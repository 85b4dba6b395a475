package dev.mosaic.mos.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A throwaway tmux server on a private socket ({@code mosaic-test-<random>}), so a test never
 * touches the default server; {@link #kill()} ends it.
 */
public final class PrivateTmux {

    /** How long one tmux call may take before the test fails. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String socket = "mosaic-test-" + UUID.randomUUID().toString().substring(0, 8);

    /** The socket name, for MOSAIC_TMUX_SOCKET. */
    public String socket() {
        return socket;
    }

    /**
     * Runs tmux on this socket and returns what it printed (stdout and stderr together). A tmux
     * that does not finish within {@link #TIMEOUT} is killed and fails the test, naming the command,
     * instead of hanging the build.
     */
    public String run(String... args) {
        List<String> argv = new ArrayList<>(List.of("tmux", "-L", socket));
        argv.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                    new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new AssertionError("tmux failed: " + e.getMessage(), e);
        }
        // read on another thread: a tmux that never closes its output must not block the wait below
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        try {
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("tmux did not finish within " + TIMEOUT.toSeconds() + " s: " + argv);
            }
            return out.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("reading tmux's output failed: " + argv, e);
        }
    }

    /** The content of agent (session) {@code agent}'s pane, with up to 5,000 lines of scrollback. */
    public String pane(String agent) {
        return run("capture-pane", "-p", "-J", "-S", "-5000", "-t", "=" + agent + ":0.0");
    }

    /**
     * Ends every process started in a pane, then the server. Each pane is a process group of its
     * own (tmux calls setsid); killing the groups also ends what a plain kill-server leaves behind
     * for a while: the launcher's heartbeat sidecars and children that ignore SIGHUP.
     */
    public void kill() {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", "kill -s KILL -- \"$@\" 2>/dev/null; true", "kill"));
        run("list-panes", "-a", "-F", "#{pane_pid}").lines().filter(p -> p.matches("[1-9][0-9]*"))
                .forEach(p -> argv.add("-" + p));
        if (argv.size() > 4) {
            try {
                Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                }
            } catch (IOException e) {
                throw new AssertionError("cannot kill the panes' processes: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        run("kill-server");
    }
}
