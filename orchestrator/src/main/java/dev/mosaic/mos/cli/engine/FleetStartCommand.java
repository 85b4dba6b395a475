package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Start agents that the roster has and tmux lacks.")
public final class FleetStartCommand implements Callable<Integer> {

    private final CliContext context;

    public FleetStartCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'start' is not implemented yet");
    }
}
