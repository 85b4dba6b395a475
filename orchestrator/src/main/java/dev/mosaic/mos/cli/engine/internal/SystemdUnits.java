package dev.mosaic.mos.cli.engine.internal;

import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.exec.CommandRunner;
import dev.mosaic.fleet.exec.ExecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The systemd user units that keep the fleet alive across logout and reboot: {@code mosaic-mos.service}
 * runs {@code mosaic mos serve}; the template {@code mosaic-agent@.service} starts one agent's tmux
 * session and stops it again. {@code KillMode=process} because the agent lives in the tmux server,
 * which must survive when the oneshot unit is stopped or restarted.
 */
public final class SystemdUnits {

    public static final String MOS_UNIT = "mosaic-mos.service";
    public static final String AGENT_TEMPLATE = "mosaic-agent@.service";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Path unitDir;
    private final CommandRunner runner;

    public SystemdUnits(Path unitDir, CommandRunner runner) {
        this.unitDir = unitDir;
        this.runner = runner;
    }

    /** {@code $XDG_CONFIG_HOME/systemd/user}, else {@code ~/.config/systemd/user}. */
    public static Path unitDir(Map<String, String> environment, Path userHome) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path config = xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".config");
        return config.resolve("systemd").resolve("user");
    }

    public Path unitDir() {
        return unitDir;
    }

    /**
     * Unit file name to content. Both units read {@code $MOSAIC_HOME/mos.env} ({@link ServiceEnvFile}):
     * the connector secrets the roster names as {@code ${env:NAME}} reach the service only that way.
     */
    public static Map<String, String> units(Path launcher, MosaicEnv env, Path userHome) {
        if (!launcher.isAbsolute()) {
            throw new FleetException("the mosaic launcher path must be absolute for systemd, was " + launcher);
        }
        String envLines = "Environment=MOSAIC_HOME=" + env.home() + "\n"
                + "Environment=MOSAIC_TMUX_SOCKET=" + env.tmuxSocket() + "\n"
                + "Environment=MOSAIC_HEARTBEAT_RUN_DIR=" + env.runDir() + "\n"
                + "Environment=MOSAIC_HEARTBEAT_INTERVAL=" + env.heartbeatInterval().toSeconds() + "\n"
                + "Environment=MOSAIC_SKIP_BUILD=1\n"
                + ServiceEnvFile.unitLine(env, userHome) + "\n";
        Map<String, String> units = new LinkedHashMap<>();
        units.put(MOS_UNIT, "[Unit]\n"
                + "Description=Mos, the chat-ops orchestrator of the Mosaic agent fleet\n"
                + "After=network-online.target\n"
                + "Wants=network-online.target\n\n"
                + "[Service]\n"
                + "Type=simple\n"
                + envLines
                + "ExecStart=" + launcher + " mos serve\n"
                + "Restart=on-failure\n"
                + "RestartSec=5\n\n"
                + "[Install]\n"
                + "WantedBy=default.target\n");
        units.put(AGENT_TEMPLATE, "[Unit]\n"
                + "Description=Mosaic fleet agent %i (tmux session on socket " + env.tmuxSocket() + ")\n\n"
                + "[Service]\n"
                + "Type=oneshot\n"
                + "RemainAfterExit=yes\n"
                + envLines
                + "ExecStart=" + launcher + " fleet agent start %i\n"
                + "ExecStop=" + launcher + " fleet agent stop %i\n"
                + "# The agent lives in the tmux server, not in this unit: stopping the unit must not kill the server.\n"
                + "KillMode=process\n\n"
                + "[Install]\n"
                + "WantedBy=default.target\n");
        return units;
    }

    public boolean installed() {
        return Files.isRegularFile(unitDir.resolve(MOS_UNIT)) && Files.isRegularFile(unitDir.resolve(AGENT_TEMPLATE));
    }

    /** Null when {@code systemctl --user} works, else why not (for a clear message). */
    public String unavailableReason() {
        try {
            CommandResult r = runner.run(List.of("systemctl", "--user", "show-environment"), null, TIMEOUT);
            return r.ok() ? null : "systemctl --user is not available: " + firstLine(r.stderr());
        } catch (ExecException e) {
            return "systemctl --user is not available: " + e.getMessage();
        }
    }

    /** Runs {@code systemctl --user ARGS}; a failure becomes a {@link FleetException} with systemd's words. */
    public void systemctl(List<String> args) {
        List<String> argv = new java.util.ArrayList<>(List.of("systemctl", "--user"));
        argv.addAll(args);
        CommandResult r = runner.run(argv, null, TIMEOUT);
        if (!r.ok()) {
            throw new FleetException(String.join(" ", argv) + " failed: " + firstLine(r.stderr()));
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return t.isEmpty() ? "(no message)" : nl < 0 ? t : t.substring(0, nl);
    }
}
