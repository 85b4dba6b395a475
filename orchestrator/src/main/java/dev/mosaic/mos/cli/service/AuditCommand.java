package dev.mosaic.mos.cli.service;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until its issue lands; fails clearly instead of pretending. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Show or verify the audit log.")
public final class AuditCommand implements Callable<Integer> {

    private final CliContext context;

    public AuditCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new MosaicException("'audit' is not implemented yet");
    }
}
