package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Start one agent.")
public final class AgentStartCommand implements Callable<Integer> {

    private final CliContext context;

    public AgentStartCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'start' is not implemented yet");
    }
}
