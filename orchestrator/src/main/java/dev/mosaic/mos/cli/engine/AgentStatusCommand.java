package dev.mosaic.mos.cli.engine;

import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.cli.Render;
import dev.mosaic.fleet.ps.AgentStatus;
import dev.mosaic.fleet.ps.FleetSnapshot;
import dev.mosaic.mos.cli.CliContext;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mosaic fleet agent status NAME}: one agent's ps row. */
@Command(mixinStandardHelpOptions = true)
public final class AgentStatusCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The agent.")
    String name;

    public AgentStatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return Render.run(context, new Operation.Status(name));
    }
}
