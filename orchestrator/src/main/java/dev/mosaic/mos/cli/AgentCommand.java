package dev.mosaic.mos.cli;

import dev.mosaic.mos.cli.engine.AgentRestartCommand;
import dev.mosaic.mos.cli.engine.AgentSendCommand;
import dev.mosaic.mos.cli.engine.AgentStartCommand;
import dev.mosaic.mos.cli.engine.AgentStatusCommand;
import dev.mosaic.mos.cli.engine.AgentStopCommand;
import dev.mosaic.mos.cli.engine.AgentTailCommand;
import dev.mosaic.mos.cli.engine.AgentWatchCommand;
import dev.mosaic.mos.cli.roster.AgentAddCommand;
import dev.mosaic.mos.cli.roster.AgentListCommand;
import dev.mosaic.mos.cli.roster.AgentRemoveCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mosaic fleet agent}: edit the roster's agents and talk to one agent. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Add, remove, start, stop, talk to and watch one agent.",
        subcommands = {AgentAddCommand.class, AgentRemoveCommand.class, AgentListCommand.class,
                AgentStartCommand.class, AgentStopCommand.class, AgentRestartCommand.class, AgentStatusCommand.class,
                AgentSendCommand.class, AgentTailCommand.class, AgentWatchCommand.class,
                dev.mosaic.mos.cli.engine.AgentApproveCommand.class, dev.mosaic.mos.cli.engine.AgentDenyCommand.class})
public final class AgentCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: see 'mosaic fleet agent --help'");
    }
}
