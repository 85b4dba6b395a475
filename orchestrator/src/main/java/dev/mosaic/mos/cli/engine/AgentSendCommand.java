package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "send", mixinStandardHelpOptions = true, description = "Send text to an agent's terminal, literally.")
public final class AgentSendCommand implements Callable<Integer> {

    private final CliContext context;

    public AgentSendCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'send' is not implemented yet");
    }
}
