package dev.mosaic.mos.cli.engine;

import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.cli.Render;
import dev.mosaic.fleet.ps.StopReport;
import dev.mosaic.mos.cli.CliContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mosaic fleet stop [agent...]}: stops agents (all roster agents when none are named). */
@Command(mixinStandardHelpOptions = true, description = "With no AGENT: every agent of the roster.")
public final class FleetStopCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(paramLabel = "AGENT", arity = "0..*", description = "Agents to stop (default: all).")
    List<String> agents = new ArrayList<>();

    public FleetStopCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return Render.run(context, new Operation.Stop(agents));
    }
}
