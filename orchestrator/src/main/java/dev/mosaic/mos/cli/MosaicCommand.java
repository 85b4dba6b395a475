package dev.mosaic.mos.cli;

import dev.mosaic.mos.cli.service.UpCommand;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code mosaic}: the root command. */
@Command(name = "mosaic", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Mos: run a fleet of AI agents (Claude Code, Codex, pi, any terminal program) from chat,",
                "the web or this CLI. The roster ($MOSAIC_HOME/fleet/roster.yaml) is the source of truth."},
        subcommands = {FleetCommand.class, MosCommand.class, UpCommand.class},
        footer = {"", "Environment: MOSAIC_HOME (default ~/.config/mosaic), MOSAIC_TMUX_SOCKET, MOSAIC_HEARTBEAT_RUN_DIR,",
                "MOSAIC_HEARTBEAT_INTERVAL, MOSAIC_AGENT_RUNTIME. Exit codes: 0 ok, 1 failure, 2 usage.",
                "Start here: mosaic fleet init"})
public final class MosaicCommand implements Runnable {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    public MosaicCommand(CliContext context) {
        this.context = context;
    }

    @Option(names = "--roster", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Roster file to use instead of $MOSAIC_HOME/fleet/roster.yaml.")
    void roster(Path file) {
        context.rosterOverride(file);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: try 'mosaic fleet init' or 'mosaic --help'");
    }
}
