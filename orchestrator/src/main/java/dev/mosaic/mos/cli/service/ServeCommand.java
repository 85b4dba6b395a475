package dev.mosaic.mos.cli.service;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the Mos service: connectors, command router, orchestrator bridge.")
public final class ServeCommand implements Callable<Integer> {

    private final CliContext context;

    public ServeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'serve' is not implemented yet");
    }
}
