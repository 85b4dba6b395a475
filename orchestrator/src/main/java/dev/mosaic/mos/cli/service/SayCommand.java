package dev.mosaic.mos.cli.service;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "say", mixinStandardHelpOptions = true, description = "Post a message into the conversation that last addressed this agent.")
public final class SayCommand implements Callable<Integer> {

    private final CliContext context;

    public SayCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'say' is not implemented yet");
    }
}
