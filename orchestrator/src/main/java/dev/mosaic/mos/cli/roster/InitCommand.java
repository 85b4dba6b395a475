package dev.mosaic.mos.cli.roster;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Create or re-create the fleet roster with a wizard (no AI involved).")
public final class InitCommand implements Callable<Integer> {

    private final CliContext context;

    public InitCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'init' is not implemented yet");
    }
}
