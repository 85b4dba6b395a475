package dev.mosaic.mos.cli.roster;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the agents of the roster.")
public final class AgentListCommand implements Callable<Integer> {

    private final CliContext context;

    public AgentListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'list' is not implemented yet");
    }
}
