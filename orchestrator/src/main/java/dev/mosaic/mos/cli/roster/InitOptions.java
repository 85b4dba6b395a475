package dev.mosaic.mos.cli.roster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The answers of {@code fleet init} given as flags; every wizard question has one. */
final class InitOptions {

    @Option(names = "--preset", paramLabel = "NAME", description = "Configuration type: general, coding, research,"
            + " hybrid, demo, or a preset in $MOSAIC_HOME/presets/.")
    String preset;

    @Option(names = "--name", paramLabel = "NAME", description = "Fleet name (default: mosaic, or the current one).")
    String name;

    @Option(names = "--workdir", paramLabel = "DIR", description = "Working directory of the agents (default: ~).")
    String workdir;

    @Option(names = "--agents", split = ",", paramLabel = "A,B", description = "Which of the preset's agents to keep"
            + " (default: all; 'none' for none).")
    List<String> agents;

    @Option(names = "--orchestrator-runtime", paramLabel = "RUNTIME",
            description = "Runtime of the orchestrator agent (default: the preset's).")
    String orchestratorRuntime;

    @Option(names = "--connector", paramLabel = "TYPE", description = "One chat connector to set up: discord, matrix,"
            + " ... or none (default).")
    String connector;

    @Option(names = "--connector-opt", paramLabel = "KEY=VALUE", description = "A connector setting, e.g."
            + " channel=123 or token=${env:BOT_TOKEN} (secrets only as ${env:NAME} / ${file:PATH}).")
    Map<String, String> connectorOpts = new LinkedHashMap<>();

    @Option(names = "--discord-guild", paramLabel = "ID", description = "Discord server (guild) id.")
    String discordGuild;

    @Option(names = "--discord-channel", paramLabel = "ID", description = "Discord channel id.")
    String discordChannel;

    @Option(names = "--discord-token-env", paramLabel = "VAR", description = "Environment variable holding the bot token.")
    String discordTokenEnv;

    @Option(names = "--discord-token-file", paramLabel = "PATH", description = "File holding the bot token.")
    String discordTokenFile;

    @Option(names = "--matrix-homeserver", paramLabel = "URL", description = "Matrix homeserver URL.")
    String matrixHomeserver;

    @Option(names = "--matrix-user-id", paramLabel = "ID", description = "Matrix bot user id (@mos:example.org).")
    String matrixUserId;

    @Option(names = "--matrix-room", paramLabel = "ROOM", description = "Matrix room id or alias.")
    String matrixRoom;

    @Option(names = "--matrix-token-env", paramLabel = "VAR", description = "Environment variable holding the access token.")
    String matrixTokenEnv;

    @Option(names = "--matrix-token-file", paramLabel = "PATH", description = "File holding the access token.")
    String matrixTokenFile;

    @Option(names = "--owner-id", paramLabel = "ID", description = "Your user id on the connector's platform, so Mos"
            + " obeys you there (optional).")
    String ownerId;

    @Option(names = "--comms", paramLabel = "MODE", description = "How agents receive messages: tmux (default) or"
            + " matrix (one Matrix room per agent; needs the matrix connector). See 'mosaic fleet comms'.")
    String comms;

    @Option(names = {"-y", "--yes"}, description = "Accept the defaults for questions not given as flags and write"
            + " without asking.")
    boolean yes;

    @Option(names = "--dry-run", description = "Print what would be written (a diff on re-init); write nothing.")
    boolean dryRun;

    /** Connector values given by flags, as roster values (secrets as references). */
    Map<String, String> connectorFlags(String type) {
        Map<String, String> v = new LinkedHashMap<>(connectorOpts);
        if ("discord".equals(type)) {
            putIf(v, "guild", discordGuild);
            putIf(v, "channel", discordChannel);
            putIf(v, "token", discordTokenEnv == null ? null : "${env:" + discordTokenEnv + "}");
            putIf(v, "token", discordTokenFile == null ? null : "${file:" + discordTokenFile + "}");
        } else if ("matrix".equals(type)) {
            putIf(v, "homeserver", matrixHomeserver);
            putIf(v, "userId", matrixUserId);
            putIf(v, "room", matrixRoom);
            putIf(v, "token", matrixTokenEnv == null ? null : "${env:" + matrixTokenEnv + "}");
            putIf(v, "token", matrixTokenFile == null ? null : "${file:" + matrixTokenFile + "}");
        }
        return v;
    }

    /** The flags that belong to one connector type, to refuse them with another. */
    boolean hasFlagsOf(String type) {
        if (type.equals("discord")) {
            return discordGuild != null || discordChannel != null || discordTokenEnv != null || discordTokenFile != null;
        }
        return matrixHomeserver != null || matrixUserId != null || matrixRoom != null || matrixTokenEnv != null
                || matrixTokenFile != null;
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
