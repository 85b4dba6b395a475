package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Check tmux, runtimes, run dir, roster, secrets and heartbeats.")
public final class VerifyCommand implements Callable<Integer> {

    private final CliContext context;

    public VerifyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'verify' is not implemented yet");
    }
}
