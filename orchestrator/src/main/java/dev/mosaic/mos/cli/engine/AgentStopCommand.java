package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop one agent.")
public final class AgentStopCommand implements Callable<Integer> {

    private final CliContext context;

    public AgentStopCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'stop' is not implemented yet");
    }
}
