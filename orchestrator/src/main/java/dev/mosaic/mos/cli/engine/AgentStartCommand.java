package dev.mosaic.mos.cli.engine;

import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.cli.Render;
import dev.mosaic.fleet.ps.StartReport;
import dev.mosaic.mos.cli.CliContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mosaic fleet agent start NAME}. */
@Command(mixinStandardHelpOptions = true, description = "Nothing happens when it runs already.")
public final class AgentStartCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The agent.")
    String name;

    public AgentStartCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return Render.run(context, new Operation.StartAgent(name));
    }
}
