package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show one agent in detail.")
public final class AgentStatusCommand implements Callable<Integer> {

    private final CliContext context;

    public AgentStatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'status' is not implemented yet");
    }
}
