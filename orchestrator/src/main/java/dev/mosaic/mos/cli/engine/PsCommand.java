package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "ps", mixinStandardHelpOptions = true, description = "List agents with state and heartbeat (--json for the v1 contract).")
public final class PsCommand implements Callable<Integer> {

    private final CliContext context;

    public PsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'ps' is not implemented yet");
    }
}
