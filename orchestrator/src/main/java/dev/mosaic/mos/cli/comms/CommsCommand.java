package dev.mosaic.mos.cli.comms;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "comms", mixinStandardHelpOptions = true, description = "Show or switch how agents receive messages: tmux or matrix.")
public final class CommsCommand implements Callable<Integer> {

    private final CliContext context;

    public CommsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'comms' is not implemented yet");
    }
}
