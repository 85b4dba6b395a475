package dev.mosaic.mos.cli.roster;

import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.cli.Render;
import dev.mosaic.fleet.roster.RosterException;
import dev.mosaic.mos.cli.CliContext;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mosaic fleet agent remove NAME}: removes an agent (never the orchestrator). */
@Command(mixinStandardHelpOptions = true, description = "The orchestrator cannot be removed: a fleet has exactly one.")
public final class AgentRemoveCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The agent to remove.")
    String name;

    public AgentRemoveCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return Render.run(context, new Operation.Remove(name));
    }
}
