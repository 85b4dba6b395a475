package dev.mosaic.mos.cli;

import dev.mosaic.mos.cli.service.AuditCommand;
import dev.mosaic.mos.cli.service.MosStatusCommand;
import dev.mosaic.mos.cli.service.SayCommand;
import dev.mosaic.mos.cli.service.ServeCommand;
import dev.mosaic.mos.cli.service.WebUrlCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mosaic mos}: the chat-ops service. */
@Command(name = "mos", mixinStandardHelpOptions = true,
        description = "Run and talk to the Mos chat-ops service.",
        subcommands = {ServeCommand.class, MosStatusCommand.class, SayCommand.class, AuditCommand.class,
                WebUrlCommand.class})
public final class MosCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: see 'mosaic mos --help'");
    }
}
