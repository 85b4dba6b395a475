package dev.mosaic.mos.cli.roster;

import org.jspecify.annotations.Nullable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The answers of {@code fleet init} given as flags; every wizard question has one. The
 * connectors' own flags ({@code --discord-guild}, ...) are generated from their providers by
 * {@link ConnectorFields}.
 */
final class InitOptions {

    @Option(names = "--preset", paramLabel = "NAME", description = "Configuration type: general, coding, research,"
            + " hybrid, demo, or a preset in $MOSAIC_HOME/presets/.")
    @Nullable String preset;

    @Option(names = "--name", paramLabel = "NAME", description = "Fleet name (default: mosaic, or the current one).")
    @Nullable String name;

    @Option(names = "--workdir", paramLabel = "DIR", description = "Working directory of the agents (default: ~).")
    @Nullable String workdir;

    @Option(names = "--agents", split = ",", paramLabel = "A,B", description = "Which of the preset's agents to keep"
            + " (default: all; 'none' for none).")
    @Nullable List<String> agents;

    @Option(names = "--orchestrator-runtime", paramLabel = "RUNTIME",
            description = "Runtime of the orchestrator agent (default: the preset's).")
    String orchestratorRuntime;

    @Option(names = "--connector", paramLabel = "TYPE", description = "One chat connector to set up: one of the"
            + " connectors installed (discord, matrix, ...) or none (default).")
    @Nullable String connector;

    @Option(names = "--connector-opt", paramLabel = "KEY=VALUE", description = "A connector setting, e.g."
            + " channel=123 or token=$${env:BOT_TOKEN} (secrets only as $${env:NAME} / $${file:PATH}).")
    Map<String, String> connectorOpts = new LinkedHashMap<>();

    @Option(names = "--owner-id", paramLabel = "ID", description = "Your user id on the connector's platform, so Mos"
            + " obeys you there (optional).")
    @Nullable String ownerId;

    @Option(names = "--comms", paramLabel = "MODE", description = "How agents receive messages: tmux (default) or"
            + " matrix (one Matrix room per agent; needs the matrix connector). See 'mosaic fleet comms'.")
    @Nullable String comms;

    @Option(names = {"-y", "--yes"}, description = "Accept the defaults for questions not given as flags and write"
            + " without asking.")
    boolean yes;

    @Option(names = "--dry-run", description = "Print what would be written (a diff on re-init); write nothing.")
    boolean dryRun;

    /**
     * Values given by the generated {@code --<type>-<key>} flags, by connector type (set by
     * {@link InitCommand} from the parse result; see {@link ConnectorFields}).
     */
    Map<String, Map<String, String>> generatedFlags = new LinkedHashMap<>();

    /** Connector values given by flags, as roster values (secrets as references). */
    Map<String, String> connectorFlags(String type) {
        Map<String, String> v = new LinkedHashMap<>(connectorOpts);
        v.putAll(generatedFlags.getOrDefault(type, Map.of()));
        return v;
    }
}
