package dev.mosaic.fleet.harness;

import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.engine.LaunchPlan;
import dev.mosaic.fleet.engine.Launcher;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prepares an AI harness (Claude Code, pi, Codex) for one agent before it starts, so Mos never has
 * to answer a first-run dialog and the harness reports its own state: per-agent settings and hooks,
 * the pi extension, Codex's notify, the orchestrator's bridge instructions, {@code mosaic} on PATH
 * and the harness's self-update switched off. Files go under {@code $MOSAIC_HOME/fleet/agents/NAME/}
 * (see docs/harnesses.md); a runtime without a {@code harness} is left as it is.
 */
public final class AgentHarness {

    /** Environment every harness Mos starts gets, whatever the roster says: it never updates itself. */
    public static final Map<String, String> NO_SELF_UPDATE = Map.of(
            "DISABLE_AUTOUPDATER", "1",
            "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1",
            "CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL", "1",
            "PI_OFFLINE", "1");

    static final String HOOK_RESOURCE = Launcher.HOOK_RESOURCE;

    private AgentHarness() {
    }

    /** {@code $MOSAIC_HOME/fleet/bin}: the launcher, the hook, and {@code mosaic} for agents' PATH. */
    public static Path binDir(MosaicEnv env) {
        return env.home().resolve("fleet").resolve("bin");
    }

    /** The hook script harnesses call to report their state. */
    public static Path hook(MosaicEnv env) {
        return binDir(env).resolve("mosaic-agent-hook");
    }

    /** Where Mos keeps one agent's harness files. */
    public static Path agentDir(MosaicEnv env, String agent) {
        return env.home().resolve("fleet").resolve("agents").resolve(agent);
    }

    /**
     * The plan with the harness's settings written and its environment and arguments added.
     *
     * @param userHome the user's home, whose harness settings are merged (never changed)
     * @param orchestrator true for the orchestrator agent (it gets the bridge instructions and grants)
     * @throws FleetException naming the file Mos could not write
     */
    public static LaunchPlan prepare(LaunchPlan plan, AgentSpec agent, RuntimeProfile profile, MosaicEnv env,
                                     Path userHome, boolean orchestrator) {
        Map<String, String> vars = new LinkedHashMap<>(plan.env());
        List<String> argv = new ArrayList<>(plan.command());
        mosaicOnPath(env, vars);
        String harness = profile.harness();
        if (harness == null) {
            return new LaunchPlan(plan.agent(), argv, plan.workdir(), vars);
        }
        Path hook = Launcher.install(hook(env), Launcher.resource(HOOK_RESOURCE), true);
        vars.putAll(NO_SELF_UPDATE);
        vars.put("MOSAIC_HOOK", hook.toString());
        if (profile.nativeHeartbeat()) {
            vars.put("MOSAIC_HEARTBEAT_NATIVE", "1");
        }
        Path dir = agentDir(env, agent.name());
        Path workdir = plan.workdir() == null ? userHome : Path.of(plan.workdir());
        switch (harness) {
            case "claude" -> {
                Path config = ClaudeConfig.write(dir.resolve("claude"), userHome, workdir, hook, env, agent, orchestrator);
                vars.put("CLAUDE_CONFIG_DIR", config.toString());
                // Claude Code's Bash tool runs a login-shell snapshot that resets PATH; this file, sourced
                // before each command, puts mosaic back in front
                vars.put("CLAUDE_ENV_FILE", Launcher.install(config.resolve("mosaic-env.sh"),
                        ("# written by Mos: agents find mosaic on PATH\nexport PATH=\"" + binDir(env) + ":$PATH\"\n")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8), false).toString());
            }
            case "pi" -> Launcher.install(piExtension(env, agent.name()), Launcher.resource("/mosaic/pi/mosaic.ts"), false);
            case "codex" -> {
            }
            default -> throw new FleetException("runtime '" + profile.name() + "': harness '" + harness + "' is unknown");
        }
        argv.addAll(arguments(harness, agent, env, hook, orchestrator));
        if (orchestrator) {
            Path mosaic = binDir(env).resolve("mosaic");
            Bootstrap.write(workdir, harness, harness.equals("codex") ? "If `mosaic` is not found (your shell resets"
                    + " PATH), run it by its full path, the same way: `" + mosaic + " mos say \"...\"`.\n" : "");
            if (harness.equals("codex")) {
                Bootstrap.writeCodexRules(workdir, binDir(env).resolve("mosaic"));
            }
        }
        return new LaunchPlan(plan.agent(), argv, plan.workdir(), vars);
    }

    /** Where Mos writes a pi agent's copy of the shipped extension. */
    public static Path piExtension(MosaicEnv env, String agent) {
        return agentDir(env, agent).resolve("pi").resolve("mosaic.ts");
    }

    /** The arguments Mos adds to a harness's command line (the same for a start and for {@link #describe}). */
    static List<String> arguments(String harness, AgentSpec agent, MosaicEnv env, Path hook, boolean orchestrator) {
        List<String> argv = new ArrayList<>();
        switch (harness) {
            case "claude" -> {
                if (agent.permissionMode() != null) {
                    argv.addAll(List.of("--permission-mode", agent.permissionMode()));
                }
            }
            case "pi" -> argv.addAll(List.of("-e", piExtension(env, agent.name()).toString()));
            case "codex" -> {
                argv.addAll(List.of("-c", "notify=[\"" + toml(hook.toString()) + "\",\"codex\",\"notify\"]"));
                if (agent.permissionMode() != null) {
                    argv.addAll(List.of("--ask-for-approval", agent.permissionMode()));
                }
            }
            default -> {
            }
        }
        return argv;
    }

    /**
     * What Mos writes and sets for this agent's harness, for {@code mosaic fleet config}: the
     * arguments and environment it adds, the files it writes (and what goes in them), the hooks,
     * the permission mode and, for the orchestrator, the commands it may run unprompted. Writes
     * nothing; empty for a runtime without a harness.
     */
    public static Map<String, Object> describe(AgentSpec agent, RuntimeProfile profile, MosaicEnv env, boolean orchestrator) {
        String harness = profile.harness();
        Map<String, Object> m = new LinkedHashMap<>();
        if (harness == null) {
            return m;
        }
        Path hook = hook(env);
        Path dir = agentDir(env, agent.name());
        m.put("harness", harness);
        m.put("arguments", arguments(harness, agent, env, hook, orchestrator));
        Map<String, String> vars = new java.util.TreeMap<>(NO_SELF_UPDATE);
        vars.put("MOSAIC_HOOK", hook.toString());
        if (profile.nativeHeartbeat()) {
            vars.put("MOSAIC_HEARTBEAT_NATIVE", "1");
        }
        vars.put("PATH", binDir(env) + ":… (mosaic first)");
        Map<String, String> files = new LinkedHashMap<>();
        switch (harness) {
            case "claude" -> {
                Path config = dir.resolve("claude");
                vars.put("CLAUDE_CONFIG_DIR", config.toString());
                vars.put("CLAUDE_ENV_FILE", config.resolve("mosaic-env.sh").toString());
                files.put(config.resolve("settings.json").toString(),
                        "your ~/.claude/settings.json (never changed) + Mos's hooks and status line");
                files.put(config.resolve(".claude.json").toString(),
                        "first-run answers: onboarding, theme, folder trust, API key, no auto-updates");
                files.put(config.resolve("mosaic-env.sh").toString(), "puts mosaic on the Bash tool's PATH");
                Map<String, String> hooks = new LinkedHashMap<>();
                for (String event : ClaudeConfig.EVENTS) {
                    hooks.put(event, hook + " claude " + event);
                }
                hooks.put("statusLine", hook + " claude status (every " + Math.max(1, env.heartbeatInterval().toSeconds())
                        + " s, unless you have your own)");
                m.put("hooks", hooks);
                m.put("permissionMode", agent.permissionMode() == null ? "(Claude Code's default)" : agent.permissionMode());
                if (orchestrator) {
                    m.put("allow", Bootstrap.ALLOWED.stream().map(c -> "Bash(" + c + ":*)").toList());
                }
            }
            case "pi" -> {
                files.put(piExtension(env, agent.name()).toString(), "Mos's pi extension: state, heartbeat, model,"
                        + " the mos_say and fleet_status tools");
                m.put("permissionMode", "(pi has no permission prompts)");
            }
            case "codex" -> {
                m.put("hooks", Map.of("notify", hook + " codex notify"));
                m.put("permissionMode", agent.permissionMode() == null ? "(Codex's default)" : agent.permissionMode());
                if (orchestrator) {
                    m.put("allow", Bootstrap.ALLOWED.stream().map(c -> "prefix_rule " + c).toList());
                    String wd = agent.workdir() == null ? "~" : agent.workdir().replaceAll("/+$", "");
                    files.put(wd + "/.codex/rules/mosaic.rules", "the allow-list as Codex rules (loaded when the"
                            + " project is trusted)");
                }
            }
            default -> {
            }
        }
        if (orchestrator) {
            String workdir = agent.workdir() == null ? "~" : agent.workdir().replaceAll("/+$", "");
            files.put(workdir + "/" + Bootstrap.fileName(harness), "the bridge instructions, between the mosaic:bridge markers (your text around them is kept)");
        }
        m.put("env", vars);
        m.put("files", files);
        return m;
    }

    /** Agents find {@code mosaic} on PATH: a link to the launcher in {@code fleet/bin}, put first. */
    static void mosaicOnPath(MosaicEnv env, Map<String, String> vars) {
        String launcher = vars.get("MOSAIC_LAUNCHER");
        if (launcher == null || launcher.isBlank()) {
            return;
        }
        Path bin = binDir(env);
        Path link = bin.resolve("mosaic");
        try {
            Files.createDirectories(bin);
            Path target = Path.of(launcher);
            if (!Files.isSymbolicLink(link) || !Files.readSymbolicLink(link).equals(target)) {
                Path tmp = bin.resolve(".mosaic.link." + ProcessHandle.current().pid());
                Files.deleteIfExists(tmp);
                Files.createSymbolicLink(tmp, target);
                Files.move(tmp, link, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new FleetException("cannot link " + link + " to the mosaic launcher: " + e.getMessage(), e);
        }
        String path = vars.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        if (!path.startsWith(bin + ":")) {
            vars.put("PATH", bin + ":" + path);
        }
    }

    private static String toml(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
