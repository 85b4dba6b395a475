package dev.mosaic.mos.cli.engine;

import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.cli.Render;
import dev.mosaic.fleet.ps.StopReport;
import dev.mosaic.mos.cli.CliContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mosaic fleet agent stop NAME}. */
@Command(mixinStandardHelpOptions = true, description = "Kills the agent's tmux session.")
public final class AgentStopCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The agent.")
    String name;

    public AgentStopCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return Render.run(context, new Operation.StopAgent(name));
    }
}
