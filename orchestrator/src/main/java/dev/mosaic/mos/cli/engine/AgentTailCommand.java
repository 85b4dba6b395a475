package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "tail", mixinStandardHelpOptions = true, description = "Print an agent's recent terminal output.")
public final class AgentTailCommand implements Callable<Integer> {

    private final CliContext context;

    public AgentTailCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'tail' is not implemented yet");
    }
}
