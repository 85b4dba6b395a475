package dev.mosaic.mos.cli.service;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Build if needed, create a demo fleet unless one exists, start it and serve Mos.")
public final class UpCommand implements Callable<Integer> {

    private final CliContext context;

    public UpCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'up' is not implemented yet");
    }
}
