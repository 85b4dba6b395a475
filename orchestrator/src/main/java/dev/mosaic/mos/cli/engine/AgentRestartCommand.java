package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "restart", mixinStandardHelpOptions = true, description = "Restart one agent.")
public final class AgentRestartCommand implements Callable<Integer> {

    private final CliContext context;

    public AgentRestartCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'restart' is not implemented yet");
    }
}
