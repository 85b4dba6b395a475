package dev.mosaic.mos.cli.service;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the running service's connectors and their last errors.")
public final class MosStatusCommand implements Callable<Integer> {

    private final CliContext context;

    public MosStatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'status' is not implemented yet");
    }
}
