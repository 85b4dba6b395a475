package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.ps.AgentStatus;
import dev.mosaic.fleet.ps.FleetSnapshot;
import dev.mosaic.mos.cli.CliContext;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mosaic fleet agent status NAME}: one agent's ps row. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show one agent's state and heartbeat.")
public final class AgentStatusCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The agent.")
    String name;

    public AgentStatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        AgentStatus a = context.fleet().status(name);
        Reports.table(context.out(), new FleetSnapshot(context.clock().instant(), "-", List.of(a)));
        if (a.detail() != null) {
            context.out().println(a.detail());
        }
        if (a.heartbeat().model() != null) {
            context.out().println("model: " + a.heartbeat().model() + " (reported by the harness)");
        }
        return 0;
    }
}
