package dev.mosaic.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The environment contract of Mos (kept compatible with the seed), read once at the edge (CLI or
 * service start) and passed down. Core code never calls {@code System.getenv}.
 *
 * @param home {@code MOSAIC_HOME}, all state (default {@code ~/.config/mosaic})
 * @param roster the roster file (default {@code $MOSAIC_HOME/fleet/roster.yaml}, {@code --roster} overrides)
 * @param runDir {@code MOSAIC_HEARTBEAT_RUN_DIR}, heartbeat files and run state
 * @param heartbeatInterval {@code MOSAIC_HEARTBEAT_INTERVAL} seconds; healthy while age is at most 3x
 * @param tmuxSocket {@code MOSAIC_TMUX_SOCKET}, the private tmux server name ({@code tmux -L})
 * @param defaultRuntime {@code MOSAIC_AGENT_RUNTIME}, the runtime when none is given
 */
public record MosaicEnv(Path home, Path roster, Path runDir, Duration heartbeatInterval, String tmuxSocket,
                        String defaultRuntime) {

    public MosaicEnv {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(roster, "roster");
        Objects.requireNonNull(runDir, "runDir");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        if (heartbeatInterval.isZero() || heartbeatInterval.isNegative()) {
            throw new MosaicException("MOSAIC_HEARTBEAT_INTERVAL must be a positive number of seconds, was "
                    + heartbeatInterval.toSeconds());
        }
        if (tmuxSocket == null || !tmuxSocket.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new MosaicException("MOSAIC_TMUX_SOCKET must be 1-64 letters, digits, '.', '_' or '-', was '"
                    + tmuxSocket + "'");
        }
        if (defaultRuntime == null || defaultRuntime.isBlank()) {
            defaultRuntime = "pi";
        }
    }

    /**
     * Builds the environment from a variable map (normally {@code System.getenv()}) and the user's
     * home directory; {@code rosterOverride} is the {@code --roster} option or {@code null}.
     */
    public static MosaicEnv from(Map<String, String> env, Path userHome, Path rosterOverride) {
        Path home = pathOr(env.get("MOSAIC_HOME"), userHome.resolve(".config").resolve("mosaic"));
        Path roster = rosterOverride != null ? rosterOverride.toAbsolutePath()
                : home.resolve("fleet").resolve("roster.yaml");
        Path runDir = pathOr(env.get("MOSAIC_HEARTBEAT_RUN_DIR"), home.resolve("fleet").resolve("run"));
        String rawInterval = env.getOrDefault("MOSAIC_HEARTBEAT_INTERVAL", "15").strip();
        long seconds;
        try {
            seconds = Long.parseLong(rawInterval);
        } catch (NumberFormatException e) {
            throw new MosaicException("MOSAIC_HEARTBEAT_INTERVAL must be a whole number of seconds, was '"
                    + rawInterval + "'");
        }
        return new MosaicEnv(home, roster, runDir, Duration.ofSeconds(seconds),
                env.getOrDefault("MOSAIC_TMUX_SOCKET", "mosaic-factory"),
                env.getOrDefault("MOSAIC_AGENT_RUNTIME", "pi"));
    }

    /** The secrets directory (mode 0700) holding tokens typed into the wizard. */
    public Path secretsDir() {
        return home.resolve("secrets");
    }

    /** The audit log of fleet actions and chat commands. */
    public Path auditLog() {
        return home.resolve("audit").resolve("audit.jsonl");
    }

    /** Per-user presets that add to or shadow the shipped ones. */
    public Path presetsDir() {
        return home.resolve("presets");
    }

    private static Path pathOr(String value, Path fallback) {
        return value == null || value.isBlank() ? fallback : Path.of(value).toAbsolutePath();
    }
}
