package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "watch", mixinStandardHelpOptions = true, description = "Attach read-only to an agent's terminal.")
public final class AgentWatchCommand implements Callable<Integer> {

    private final CliContext context;

    public AgentWatchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'watch' is not implemented yet");
    }
}
