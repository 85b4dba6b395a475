package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.heartbeat.Health;
import dev.mosaic.fleet.ps.AgentState;
import dev.mosaic.fleet.ps.AgentStatus;
import dev.mosaic.fleet.ps.FleetSnapshot;
import dev.mosaic.mos.cli.CliContext;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code mosaic fleet status}: one-line summary plus every agent that needs attention. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Summarise the fleet and name agents that need attention.")
public final class FleetStatusCommand implements Callable<Integer> {

    private final CliContext context;

    public FleetStatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        FleetSnapshot s = context.fleet().ps();
        Map<String, Integer> counts = new TreeMap<>();
        for (AgentStatus a : s.agents()) {
            counts.merge(a.state().wire(), 1, Integer::sum);
        }
        StringBuilder sb = new StringBuilder("fleet " + s.fleet() + " (tmux socket " + context.env().tmuxSocket()
                + "): " + s.agents().stream().filter(AgentStatus::managed).count() + " agents");
        counts.forEach((state, n) -> sb.append(", ").append(n).append(' ').append(state));
        context.out().println(sb);
        for (AgentStatus a : s.agents()) {
            if (a.state() == AgentState.CRASHED) {
                context.out().println("  " + a.name() + ": crashed (" + a.detail() + "); restart with 'mosaic fleet"
                        + " agent restart " + a.name() + "'");
            } else if (a.state() == AgentState.MISSING) {
                context.out().println("  " + a.name() + ": tmux session not in the roster");
            } else if (a.state() == AgentState.UNKNOWN) {
                context.out().println("  " + a.name() + ": host unreachable: " + a.detail());
            } else if (a.state() == AgentState.RUNNING && a.heartbeat().health() != Health.HEALTHY) {
                context.out().println("  " + a.name() + ": running but heartbeat " + a.heartbeat().health().wire());
            }
        }
        return 0;
    }
}
