package dev.mosaic.fleet.engine;

import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.CommandLine;
import dev.mosaic.fleet.roster.RosterException;
import dev.mosaic.fleet.roster.Secrets;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import dev.mosaic.fleet.ssh.RemoteLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How one agent is started: its command (the agent's own {@code command} split into argv, else
 * the runtime profile's), working directory and environment, wrapped in the launcher.
 *
 * @param agent the agent's name (= session name)
 * @param command the agent's argv (before wrapping)
 * @param workdir the working directory, or {@code null} for the tmux server's default
 * @param env the agent's environment (references unresolved until {@link #withSecretsResolved})
 */
public record LaunchPlan(String agent, List<String> command, String workdir, Map<String, String> env) {

    /** Detached sessions are born 80x24 unless told otherwise; agents get a roomy terminal. */
    public static final int WIDTH = 220;
    public static final int HEIGHT = 50;

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public LaunchPlan {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }

    /**
     * @param passThrough variables from the service/CLI environment handed to every agent when set
     *     (MOSAIC_LAUNCHER)
     * @param userHome for expanding {@code ~} in a local workdir
     */
    public static LaunchPlan of(AgentSpec agent, RuntimeProfile profile, MosaicEnv env,
                                Map<String, String> passThrough, Path userHome, boolean local) {
        List<String> argv = agent.command() != null && !agent.command().isBlank()
                ? CommandLine.split(agent.command()) : harnessBinary(profile, userHome, local);
        Map<String, String> vars = new LinkedHashMap<>(profile.env());
        vars.putAll(agent.env());
        vars.put("MOSAIC_AGENT_NAME", agent.name());
        vars.put("MOSAIC_HOME", env.home().toString());
        vars.put("MOSAIC_HEARTBEAT_RUN_DIR", env.runDir().toString());
        vars.put("MOSAIC_HEARTBEAT_INTERVAL", Long.toString(env.heartbeatInterval().toSeconds()));
        vars.put("MOSAIC_TMUX_SOCKET", env.tmuxSocket());
        passThrough.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                vars.put(k, v);
            }
        });
        for (String k : vars.keySet()) {
            if (!ENV_NAME.matcher(k).matches()) {
                throw new FleetException("agent '" + agent.name() + "': environment variable name '" + k
                        + "' is invalid (use letters, digits and '_')");
            }
        }
        String dir = agent.workdir();
        if (dir != null && local) {
            if (dir.equals("~")) {
                dir = userHome.toString();
            } else if (dir.startsWith("~/")) {
                dir = userHome.resolve(dir.substring(2)).toString();
            }
        }
        return new LaunchPlan(agent.name(), argv, dir, vars);
    }

    /**
     * The profile's command, its executable taken from Mos's install prefix when the harness is
     * installed there ({@code mosaic fleet update}) and the profile runs it by its plain name.
     */
    static List<String> harnessBinary(RuntimeProfile profile, Path userHome, boolean local) {
        List<String> argv = profile.command();
        Path bin = local ? profile.install().binPath(userHome, profile.name()) : null;
        if (bin != null && bin.getFileName().toString().equals(argv.get(0)) && java.nio.file.Files.isExecutable(bin)) {
            List<String> out = new ArrayList<>(argv);
            out.set(0, bin.toString());
            return out;
        }
        return argv;
    }

    /**
     * The plan for an agent on a remote host: its {@code MOSAIC_HOME} and run dir are the ones Mos
     * provisioned there (see {@link RemoteLayout}).
     */
    public LaunchPlan onHost(RemoteLayout layout) {
        Map<String, String> vars = new LinkedHashMap<>(env);
        vars.put("MOSAIC_HOME", layout.mosaicHome());
        vars.put("MOSAIC_HEARTBEAT_RUN_DIR", layout.runDir());
        // `mosaic` there is the one Mos provisioned (mos say over the forwarded port), first on PATH;
        // this machine's launcher path means nothing on that host
        String bin = layout.resolve("bin");
        vars.put("MOSAIC_LAUNCHER", bin + "/mosaic");
        String path = vars.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        if (!path.startsWith(bin + ":")) {
            vars.put("PATH", bin + ":" + path);
        }
        return new LaunchPlan(agent, command, workdir, vars);
    }

    /**
     * This plan with every secret reference among its environment values ({@code ${env:NAME}},
     * {@code ${file:PATH}}) replaced by the secret, resolved against {@code environment} (Mos's own
     * environment; {@code HOME} expands {@code ~/}).
     *
     * @throws FleetException naming the agent, the variable and the reference when one cannot be resolved
     */
    public LaunchPlan withSecretsResolved(Map<String, String> environment) {
        Map<String, String> vars = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            try {
                vars.put(k, Secrets.resolve(v, environment));
            } catch (RosterException e) {
                throw new FleetException("agent '" + agent + "': env " + k + ": " + e.getMessage(), e);
            }
        });
        return new LaunchPlan(agent, command, workdir, vars);
    }

    /** This plan starting {@code executable} instead of its command's first word. */
    public LaunchPlan withExecutable(String executable) {
        List<String> argv = new ArrayList<>(command);
        argv.set(0, executable);
        return new LaunchPlan(agent, argv, workdir, env);
    }

    /** This plan with one more environment variable. */
    public LaunchPlan withEnv(String name, String value) {
        Map<String, String> vars = new LinkedHashMap<>(env);
        vars.put(name, value);
        return new LaunchPlan(agent, command, workdir, vars);
    }

    /** The {@code new-session} arguments for a local agent (launcher and run dir of this machine). */
    public List<String> newSessionArgs(Path launcher, MosaicEnv mosaicEnv, String envFile) {
        return newSessionArgs(launcher.toString(), mosaicEnv.runDir().toString(), mosaicEnv.heartbeatInterval(),
                envFile);
    }

    /**
     * The {@code new-session} arguments (without {@code tmux -L socket}), raw: {@code Tmux} makes
     * them literal. The working directory is an argument of the launcher, which enters it itself:
     * tmux's {@code -c} would expand {@code #()} and {@code #{}} formats in it. The environment is
     * not here at all: {@code envFile} (see {@link EnvFile}) holds it, and only its path is passed,
     * so no value (secrets among them) appears on a command line.
     */
    public List<String> newSessionArgs(String launcher, String runDir, Duration interval, String envFile) {
        List<String> a = new ArrayList<>();
        a.add("new-session");
        a.add("-d");
        a.add("-s");
        a.add(agent);
        a.add("-x");
        a.add(Integer.toString(WIDTH));
        a.add("-y");
        a.add(Integer.toString(HEIGHT));
        a.add("-e");
        a.add(EnvFile.VAR + "=" + envFile);
        a.add("--");
        a.add(launcher);
        a.add(agent);
        a.add(runDir);
        a.add(Long.toString(interval.toSeconds()));
        a.add(workdir == null ? "" : workdir);
        a.add("--");
        a.addAll(command);
        return a;
    }
}
