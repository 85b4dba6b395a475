package dev.mosaic.mos.cli.roster;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add an agent to the roster.")
public final class AgentAddCommand implements Callable<Integer> {

    private final CliContext context;

    public AgentAddCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'add' is not implemented yet");
    }
}
