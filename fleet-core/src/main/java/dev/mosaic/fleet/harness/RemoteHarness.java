package dev.mosaic.fleet.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.engine.LaunchPlan;
import dev.mosaic.fleet.engine.Launcher;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import dev.mosaic.fleet.ssh.RemoteFiles;
import dev.mosaic.fleet.ssh.RemoteLayout;
import dev.mosaic.fleet.ssh.SshHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link AgentHarness} for the agents of one remote host: the same settings, hooks, extension and
 * notify wiring, written on that host under {@code ~/.local/share/mosaic/home/fleet/agents/NAME/}
 * (the remote agents' {@code MOSAIC_HOME}), pointing at the hook Mos provisioned there, so a remote
 * harness reports its state into the remote run dir that {@code ps} reads. Files are collected
 * while a start prepares its agents and written in one call by {@link #flush()}; the user's own
 * Claude Code settings there are read once (never changed).
 */
public final class RemoteHarness {

    /** Claude Code's Bash tool resets PATH; this puts the directory of {@code $MOSAIC_LAUNCHER} back. */
    static final String ENV_FILE = "# written by Mos: agents find mosaic on PATH\n"
            + "[ -n \"${MOSAIC_LAUNCHER:-}\" ] && export PATH=\"${MOSAIC_LAUNCHER%/*}:$PATH\"\n";
    private static final String USER_SETTINGS = ".claude/settings.json";

    private final SshHost host;
    private final RemoteLayout layout;
    private final MosaicEnv env;
    private final List<RemoteFiles.File> files = new ArrayList<>();
    private ObjectNode userSettings;

    /** For {@code host}, already provisioned (its layout is read now). */
    public RemoteHarness(SshHost host, MosaicEnv env) {
        this.host = host;
        this.layout = host.layout();
        this.env = env;
    }

    /**
     * The plan with the harness's environment and arguments added and its files queued.
     *
     * @param plan a plan already moved {@link LaunchPlan#onHost onto the host}
     */
    public LaunchPlan prepare(LaunchPlan plan, AgentSpec agent, RuntimeProfile profile, boolean orchestrator) {
        String harness = profile.harness();
        if (harness == null) {
            return plan;
        }
        Map<String, String> vars = new LinkedHashMap<>(plan.env());
        List<String> argv = new ArrayList<>(plan.command());
        vars.putAll(AgentHarness.NO_SELF_UPDATE);
        vars.put("MOSAIC_HOOK", layout.hook());
        if (profile.nativeHeartbeat()) {
            vars.put("MOSAIC_HEARTBEAT_NATIVE", "1");
        }
        String dir = RemoteLayout.agentDir(agent.name());
        switch (harness) {
            case "claude" -> {
                if (layout.hook().contains("'")) {
                    throw new FleetException("host " + host.name() + ": the home directory " + layout.home()
                            + " contains a quote; Claude Code hooks cannot name it");
                }
                String config = dir + "/claude";
                String stateFile = RemoteLayout.ROOT_UNDER_HOME + "/" + config + "/.claude.json";
                Map<String, String> there = host.readFiles(userSettings == null ? List.of(USER_SETTINGS, stateFile)
                        : List.of(stateFile));
                if (userSettings == null) {
                    userSettings = ClaudeConfig.parse(there.get(USER_SETTINGS), "~/" + USER_SETTINGS + " on host "
                            + host.name());
                }
                ObjectNode state = ClaudeConfig.state(ClaudeConfig.parse(there.get(stateFile), "~/" + stateFile
                        + " on host " + host.name()), Path.of(workdir(plan.workdir())), agent);
                ObjectNode settings = ClaudeConfig.settings(userSettings, Path.of(layout.hook()), env, orchestrator);
                files.add(new RemoteFiles.File(config + "/.claude.json", ClaudeConfig.text(state), false));
                files.add(new RemoteFiles.File(config + "/settings.json", ClaudeConfig.text(settings), false));
                files.add(new RemoteFiles.File(config + "/mosaic-env.sh", ENV_FILE, false));
                // as locally: a user logged in to Claude Code on that host shares the login with its agents
                files.add(RemoteFiles.File.link(config + "/.credentials.json", ".claude/.credentials.json"));
                vars.put("CLAUDE_CONFIG_DIR", layout.resolve(config));
                vars.put("CLAUDE_ENV_FILE", layout.resolve(config + "/mosaic-env.sh"));
                if (agent.permissionMode() != null) {
                    argv.add("--permission-mode");
                    argv.add(agent.permissionMode());
                }
            }
            case "pi" -> {
                files.add(RemoteFiles.of(dir + "/pi/mosaic.ts", Launcher.resource("/mosaic/pi/mosaic.ts"), false));
                argv.add("-e");
                argv.add(layout.resolve(dir + "/pi/mosaic.ts"));
            }
            case "codex" -> {
                argv.add("-c");
                argv.add("notify=[\"" + layout.hook().replace("\\", "\\\\").replace("\"", "\\\"")
                        + "\",\"codex\",\"notify\"]");
                if (agent.permissionMode() != null) {
                    argv.add("--ask-for-approval");
                    argv.add(agent.permissionMode());
                }
            }
            default -> throw new FleetException("runtime '" + profile.name() + "': harness '" + harness + "' is unknown");
        }
        return new LaunchPlan(plan.agent(), argv, plan.workdir(), vars);
    }

    /** Writes every queued file on the host, in one call. */
    public void flush() {
        host.writeFiles(files);
        files.clear();
    }

    /** The working directory as the launcher will enter it there ({@code ~} is the remote home). */
    private String workdir(String dir) {
        if (dir == null || dir.isEmpty() || dir.equals("~")) {
            return layout.home();
        }
        return dir.startsWith("~/") ? layout.home().replaceAll("/$", "") + dir.substring(1) : dir;
    }
}
