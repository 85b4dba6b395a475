package dev.mosaic.bench;

import dev.mosaic.fleet.exec.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The private tmux servers a benchmark started, stopped once whatever happens: by the benchmark's
 * {@code finally}, and by a shutdown hook when the JVM ends otherwise (an exception thrown past
 * main, {@code System.exit}, Ctrl-C). Stopping kills every pane's process group first (tmux runs
 * each pane in a session of its own), so the launcher's heartbeat sidecars go too instead of
 * writing on for up to an interval.
 */
final class TmuxServers {

    private final CommandRunner runner;
    private final Set<String> sockets = ConcurrentHashMap.newKeySet();

    TmuxServers(CommandRunner runner) {
        this.runner = runner;
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "mosaic-bench-tmux-cleanup"));
    }

    /** Remembers {@code socket} (a private throwaway name) for {@link #stopAll()}; returns it. */
    String add(String socket) {
        sockets.add(socket);
        return socket;
    }

    /** Stops every remembered server and the processes in its panes; safe to call more than once. */
    void stopAll() {
        for (String socket : List.copyOf(sockets)) {
            String pids = runner.run(List.of("tmux", "-L", socket, "list-panes", "-a", "-F", "#{pane_pid}"), null,
                    Duration.ofSeconds(10)).stdout();
            // each pane's process group; a group already gone makes kill exit 1, which is fine here
            List<String> argv = new ArrayList<>(List.of("kill", "-s", "KILL", "--"));
            pids.lines().filter(p -> p.matches("[1-9][0-9]*")).forEach(p -> argv.add("-" + p));
            if (argv.size() > 4) {
                runner.run(argv, null, Duration.ofSeconds(10));
            }
            runner.run(List.of("tmux", "-L", socket, "kill-server"), null, Duration.ofSeconds(10));
            sockets.remove(socket);
        }
    }
}
