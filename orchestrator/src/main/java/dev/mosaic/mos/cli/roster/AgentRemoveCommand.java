package dev.mosaic.mos.cli.roster;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an agent from the roster.")
public final class AgentRemoveCommand implements Callable<Integer> {

    private final CliContext context;

    public AgentRemoveCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'remove' is not implemented yet");
    }
}
