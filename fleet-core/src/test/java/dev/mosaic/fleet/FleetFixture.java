package dev.mosaic.fleet;

import dev.mosaic.fleet.exec.CommandRunner;
import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.FleetInfo;
import dev.mosaic.fleet.roster.OrchestratorSpec;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real fleet on a private throwaway tmux socket with a temp MOSAIC_HOME; agents run {@code cat}
 * unless told otherwise. {@link #close()} kills the private tmux server.
 */
public final class FleetFixture implements AutoCloseable {

    public final String socket = "mosaic-test-" + UUID.randomUUID().toString().substring(0, 8);
    public final MosaicEnv env;
    public final CommandRunner runner = new ProcessCommandRunner();
    public final AtomicReference<Roster> roster = new AtomicReference<>();
    public final Fleet fleet;

    public FleetFixture(Path home, long intervalSeconds, List<AgentSpec> agents) {
        this(home, intervalSeconds, agents, true);
    }

    public FleetFixture(Path home, long intervalSeconds, List<AgentSpec> agents, boolean controlMode) {
        env = new MosaicEnv(home, home.resolve("fleet/roster.yaml"), home.resolve("fleet/run"),
                Duration.ofSeconds(intervalSeconds), socket, "shell");
        roster.set(roster(agents));
        fleet = new Fleet(roster::get, FleetFixture::profile, env, Clock.systemUTC(), runner, Map.of(), home, controlMode);
    }

    public static AgentSpec agent(String name) {
        return new AgentSpec(name, "coder", "shell", null, null, null, Map.of());
    }

    public static AgentSpec agent(String name, String command) {
        return new AgentSpec(name, "coder", "shell", null, null, command, Map.of());
    }

    public static Roster roster(List<AgentSpec> agents) {
        AgentSpec mos = new AgentSpec("mos", AgentSpec.ORCHESTRATOR_ROLE, "shell", null, null, null, Map.of());
        return new Roster(null, 1, new FleetInfo("testfleet", "coding", null), Map.of(),
                new OrchestratorSpec(mos, Map.of()), Map.of(), agents, Map.of());
    }

    public static RuntimeProfile profile(Roster roster, String name) {
        if (name.equals("shell")) {
            return new RuntimeProfile("shell", List.of("cat"), Map.of(), Duration.ZERO, List.of(), null, "cat");
        }
        if (name.equals("slow")) {
            return new RuntimeProfile("slow", List.of("cat"), Map.of(), Duration.ofMillis(200), List.of(), null, "cat");
        }
        if (name.equals("tui")) {
            // a terminal UI: its input line starts with "❯" and a no-break space, as Claude Code's does
            return new RuntimeProfile("tui", List.of("cat"), Map.of(), Duration.ofMillis(100), List.of(),
                    "^❯\u00a0", "tui");
        }
        throw new MosaicException("runtime '" + name + "' is unknown");
    }

    public static List<AgentSpec> agents(int n) {
        List<AgentSpec> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(agent("a" + i));
        }
        return list;
    }

    /** Runs tmux on the private socket (for assertions and for killing processes behind the engine's back). */
    public String tmux(String... args) {
        List<String> argv = new ArrayList<>(List.of("tmux", "-L", socket));
        argv.addAll(List.of(args));
        return runner.run(argv, null, Duration.ofSeconds(10)).stdout();
    }

    /** Session names on the socket, without the engine's hidden control-mode session. */
    public List<String> sessions() {
        return tmux("list-sessions", "-F", "#{session_name}").lines().filter(s -> !s.equals("_mosaic-ctl"))
                .sorted().toList();
    }

    /**
     * Kills every process the fleet started, then the private server. Each pane runs in a process
     * group of its own (tmux calls setsid); killing the groups also ends the launcher's heartbeat
     * sidecars, which would otherwise outlive the server by up to an interval, still writing files
     * into the test's temp directory while it is deleted.
     */
    @Override
    public void close() {
        fleet.close();
        killPaneProcessGroups(runner, socket);
        runner.run(List.of("tmux", "-L", socket, "kill-server"), null, Duration.ofSeconds(10));
    }

    /** Sends SIGKILL to the process group of every pane on {@code socket} (the shell's kill builtin: no procps needed). */
    public static void killPaneProcessGroups(CommandRunner runner, String socket) {
        String pids = runner.run(List.of("tmux", "-L", socket, "list-panes", "-a", "-F", "#{pane_pid}"), null,
                Duration.ofSeconds(10)).stdout();
        List<String> argv = new ArrayList<>(List.of("sh", "-c", "kill -s KILL -- \"$@\" 2>/dev/null; true", "kill"));
        pids.lines().filter(p -> p.matches("[1-9][0-9]*")).forEach(p -> argv.add("-" + p));
        if (argv.size() > 4) {
            runner.run(argv, null, Duration.ofSeconds(10));
        }
    }
}
