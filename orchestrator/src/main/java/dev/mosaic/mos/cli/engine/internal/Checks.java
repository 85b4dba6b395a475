package dev.mosaic.mos.cli.engine.internal;

import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.RuntimeResolver;
import dev.mosaic.fleet.engine.LaunchPlan;
import dev.mosaic.fleet.engine.Preflight;
import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.exec.CommandRunner;
import dev.mosaic.fleet.exec.ExecException;
import dev.mosaic.fleet.heartbeat.Health;
import dev.mosaic.fleet.ps.AgentState;
import dev.mosaic.fleet.ps.AgentStatus;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.HostSpec;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.RosterStore;
import dev.mosaic.fleet.ssh.SshException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of {@code mosaic fleet verify}: each gives ok / warn / fail and, when not ok, how to fix it.
 * Connector secrets: {@link SecretChecks}.
 */
public final class Checks {

    /** new-session -e (per-session environment) needs tmux 3.2. */
    static final double MIN_TMUX = 3.2;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** One line of the verify report. */
    public record Check(String level, String what, String hint) {
    }

    private final MosaicEnv env;
    private final CommandRunner runner;
    private final Map<String, String> environment;
    private final Path userHome;

    public Checks(MosaicEnv env, CommandRunner runner, Map<String, String> environment, Path userHome) {
        this.env = env;
        this.runner = runner;
        this.environment = environment;
        this.userHome = userHome;
    }

    public List<Check> run(Fleet fleet) {
        List<Check> out = new ArrayList<>();
        out.add(tmux());
        Roster roster = null;
        RosterStore store = FleetFactory.store(env);
        try {
            // secret references are checked below, against the service's mos.env, not this shell
            roster = store.load();
            out.add(new Check("ok", "roster " + env.roster() + " is valid (" + roster.allAgents().size() + " agents)",
                    null));
        } catch (MosaicException e) {
            out.add(new Check("fail", "roster: " + e.getMessage(), "fix the file, or create it with 'mosaic fleet init'"));
        }
        if (roster != null) {
            out.addAll(HostChecks.run(roster, fleet.ssh()));
            out.addAll(runtimes(roster, (r, name) -> store.runtimes().resolve(r, name), fleet));
            out.addAll(HarnessVersionChecks.run(roster, (r, name) -> store.runtimes().resolve(r, name), fleet));
        }
        out.add(runDir());
        out.addAll(secrets());
        if (roster != null) {
            out.addAll(new SecretChecks(env, environment).run(roster));
        }
        if (roster != null) {
            out.addAll(heartbeats(fleet));
        }
        out.add(linger());
        return out;
    }

    Check tmux() {
        try {
            CommandResult r = runner.run(List.of("tmux", "-V"), null, TIMEOUT);
            Matcher m = Pattern.compile("(\\d+)\\.(\\d+)").matcher(r.stdout());
            if (!r.ok() || !m.find()) {
                return new Check("fail", "tmux -V did not report a version", "install tmux >= " + MIN_TMUX);
            }
            double v = Double.parseDouble(m.group(1) + "." + m.group(2));
            return v >= MIN_TMUX ? new Check("ok", r.stdout().strip() + " (>= " + MIN_TMUX + ")", null)
                    : new Check("fail", r.stdout().strip() + " is too old", "install tmux >= " + MIN_TMUX);
        } catch (ExecException e) {
            return new Check("fail", "tmux is not installed (" + e.getMessage() + ")", "install tmux >= " + MIN_TMUX
                    + " (apt install tmux)");
        }
    }

    List<Check> runtimes(Roster roster, RuntimeResolver resolver, Fleet fleet) {
        List<Check> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (AgentSpec a : roster.allAgents()) {
            try {
                LaunchPlan plan = LaunchPlan.of(a, resolver.resolve(roster, a.runtime()), env, Map.of(), userHome,
                        true);
                String exe = plan.command().get(0);
                HostSpec spec = roster.host(a.host());
                if (!seen.add(a.host() + "\n" + exe)) {
                    continue;
                }
                boolean ok = Preflight.onPath(runner, spec.isLocal() ? null : fleet.ssh().get(spec), exe);
                out.add(ok ? new Check("ok", "runtime command '" + exe + "' found" + on(a), null)
                        : new Check("fail", "runtime command '" + exe + "' (runtime " + a.runtime() + ") is not on PATH"
                        + on(a), "install it, or set the agent's command: in the roster"));
            } catch (SshException e) {
                out.add(new Check("fail", "runtime command of agent '" + a.name() + "' not checked: " + e.getMessage(),
                        "see the host check above"));
            } catch (MosaicException | IllegalArgumentException e) {
                out.add(new Check("fail", "agent '" + a.name() + "': " + e.getMessage(), "fix the roster entry"));
            }
        }
        return out;
    }

    private static String on(AgentSpec a) {
        return "local".equals(a.host()) ? "" : " on host " + a.host();
    }

    Check runDir() {
        try {
            Preflight.requireWritableDir(env.runDir(), "run dir");
            return new Check("ok", "run dir " + env.runDir() + " is writable", null);
        } catch (MosaicException e) {
            return new Check("fail", e.getMessage(), "set MOSAIC_HEARTBEAT_RUN_DIR to a writable directory");
        }
    }

    List<Check> secrets() {
        Path dir = env.secretsDir();
        if (!Files.isDirectory(dir)) {
            return List.of(new Check("ok", "no secrets directory (" + dir + ")", null));
        }
        List<Check> out = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
                boolean tight = perms.equals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))
                        || perms.equals(Set.of(PosixFilePermission.OWNER_READ));
                out.add(tight ? new Check("ok", "secret " + f.getFileName() + " is private (0600)", null)
                        : new Check("fail", "secret " + f + " is readable by others ("
                        + java.nio.file.attribute.PosixFilePermissions.toString(perms) + ")", "chmod 600 " + f));
            }
        } catch (IOException e) {
            out.add(new Check("fail", "cannot read secrets directory " + dir + ": " + e.getMessage(), "chmod 700 " + dir));
        }
        if (out.isEmpty()) {
            out.add(new Check("ok", "secrets directory " + dir + " is empty", null));
        }
        return out;
    }

    List<Check> heartbeats(Fleet fleet) {
        List<Check> out = new ArrayList<>();
        List<AgentStatus> agents;
        try {
            agents = fleet.ps().agents();
        } catch (MosaicException e) {
            return List.of(new Check("fail", "cannot list agents: " + e.getMessage(), "check tmux"));
        }
        for (AgentStatus a : agents) {
            if (a.state() == AgentState.CRASHED) {
                out.add(new Check("fail", "agent " + a.name() + " crashed (" + a.detail() + ")",
                        "mosaic fleet agent restart " + a.name()));
            } else if (a.state() == AgentState.RUNNING && a.heartbeat().health() == Health.STALE) {
                out.add(new Check("fail", "agent " + a.name() + " heartbeat is stale ("
                        + a.heartbeat().age().toSeconds() + " s old)", "mosaic fleet agent restart " + a.name()));
            } else if (a.state() == AgentState.RUNNING && a.heartbeat().health() == Health.UNKNOWN) {
                out.add(new Check("warn", "agent " + a.name() + " has no heartbeat yet",
                        "it was not started by Mos, or is on a remote host; restart it with Mos"));
            } else if (a.state() == AgentState.RUNNING) {
                out.add(new Check("ok", "agent " + a.name() + " heartbeat fresh", null));
            }
        }
        if (out.isEmpty()) {
            out.add(new Check("ok", "no running agents to check heartbeats of", null));
        }
        return out;
    }

    Check linger() {
        String user = environment.getOrDefault("USER", "");
        try {
            CommandResult r = runner.run(List.of("loginctl", "show-user", user, "-p", "Linger"), null, TIMEOUT);
            if (r.ok() && r.stdout().contains("Linger=yes")) {
                return new Check("ok", "linger is enabled: the fleet survives logout", null);
            }
            if (r.ok()) {
                return new Check("warn", "linger is off: user services stop at logout",
                        "loginctl enable-linger " + user);
            }
            return new Check("warn", "linger unknown: " + r.stderr().strip(), "needs systemd-logind; see docs/engine.md");
        } catch (ExecException e) {
            return new Check("warn", "linger unknown: loginctl is not available", "needs systemd; see docs/engine.md");
        }
    }
}
