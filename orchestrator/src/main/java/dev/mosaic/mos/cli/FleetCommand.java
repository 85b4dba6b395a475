package dev.mosaic.mos.cli;

import dev.mosaic.mos.cli.engine.FleetStatusCommand;
import dev.mosaic.mos.cli.engine.HeartbeatCommand;
import dev.mosaic.mos.cli.engine.InstallCommand;
import dev.mosaic.mos.cli.engine.VerifyCommand;
import dev.mosaic.mos.cli.roster.ConfigCommand;
import dev.mosaic.mos.cli.roster.InitCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mosaic fleet}: create, inspect and run the fleet. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "Create, inspect and run the fleet of agents.",
        // the chat verbs' forms (start, stop, ps, comms) are added by VerbCommands, named from Verb
        subcommands = {InitCommand.class, ConfigCommand.class, AgentCommand.class, FleetStatusCommand.class,
                VerifyCommand.class, InstallCommand.class, HeartbeatCommand.class})
public final class FleetCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: see 'mosaic fleet --help'");
    }
}
