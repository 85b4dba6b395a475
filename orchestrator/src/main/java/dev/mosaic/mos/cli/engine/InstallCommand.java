package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "install", mixinStandardHelpOptions = true, description = "Write systemd user units so the fleet survives logout and reboot.")
public final class InstallCommand implements Callable<Integer> {

    private final CliContext context;

    public InstallCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'install' is not implemented yet");
    }
}
