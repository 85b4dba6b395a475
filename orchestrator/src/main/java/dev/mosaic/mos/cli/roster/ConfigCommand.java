package dev.mosaic.mos.cli.roster;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Print the effective roster: runtime profiles applied, secrets masked.")
public final class ConfigCommand implements Callable<Integer> {

    private final CliContext context;

    public ConfigCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'config' is not implemented yet");
    }
}
