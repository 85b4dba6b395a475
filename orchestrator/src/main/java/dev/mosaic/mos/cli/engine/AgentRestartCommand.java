package dev.mosaic.mos.cli.engine;

import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.cli.Render;
import dev.mosaic.mos.cli.CliContext;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mosaic fleet agent restart NAME}. */
@Command(mixinStandardHelpOptions = true, description = "Stops the agent (when it runs), then starts it.")
public final class AgentRestartCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The agent.")
    String name;

    public AgentRestartCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return Render.run(context, new Operation.RestartAgent(name));
    }
}
