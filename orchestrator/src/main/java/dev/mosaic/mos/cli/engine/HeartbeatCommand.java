package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "heartbeat", mixinStandardHelpOptions = true, description = "Write a heartbeat for an agent (for runtime hooks).")
public final class HeartbeatCommand implements Callable<Integer> {

    private final CliContext context;

    public HeartbeatCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'heartbeat' is not implemented yet");
    }
}
