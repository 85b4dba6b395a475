package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Summarize the fleet: counts, drift, health.")
public final class FleetStatusCommand implements Callable<Integer> {

    private final CliContext context;

    public FleetStatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'status' is not implemented yet");
    }
}
