package dev.mosaic.mos.cli;

import dev.mosaic.mos.cli.engine.AgentWatchCommand;
import dev.mosaic.mos.cli.roster.AgentListCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mosaic fleet agent}: edit the roster's agents and talk to one agent. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Add, remove, start, stop, talk to and watch one agent.",
        // the chat verbs' forms (add, start, send, ...) are added by VerbCommands, named from Verb
        subcommands = {AgentListCommand.class, AgentWatchCommand.class})
public final class AgentCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: see 'mosaic fleet agent --help'");
    }
}
