package dev.mosaic.fleet.engine;

import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.RuntimeResolver;
import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.exec.CommandRunner;
import dev.mosaic.fleet.harness.AgentHarness;
import dev.mosaic.fleet.harness.RemoteHarness;
import dev.mosaic.fleet.ps.StartReport;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.HostSpec;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import dev.mosaic.fleet.ssh.RemoteLayout;
import dev.mosaic.fleet.ssh.SshException;
import dev.mosaic.fleet.tmux.PaneInfo;
import dev.mosaic.fleet.tmux.Tmux;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Starts agents in batches: one tmux invocation per batch with the commands separated by
 * {@code ;} argv elements, so starting 50 agents costs a handful of processes. Running agents are
 * left alone; a crashed one (dead pane) is replaced. Every agent runs under the launcher.
 */
public final class FleetStarter {

    static final int BATCH = 10;

    private final MosaicEnv env;
    private final CommandRunner runner;
    private final RuntimeResolver runtimes;
    private final Map<String, String> passThrough;
    private final Path userHome;
    private final Function<HostSpec, Tmux> servers;
    private final Map<String, String> environment;
    private final SayCredentials credentials;

    /**
     * @param environment Mos's own environment, against which the agents' secret references
     *     ({@code ${env:NAME}}, {@code ${file:PATH}}) are resolved
     */
    public FleetStarter(MosaicEnv env, CommandRunner runner, RuntimeResolver runtimes, Map<String, String> passThrough,
                        Path userHome, Function<HostSpec, Tmux> servers, Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.credentials = SayCredentials.of(env.home());
        this.env = env;
        this.runner = runner;
        this.runtimes = runtimes;
        this.passThrough = passThrough;
        this.userHome = userHome;
        this.servers = servers;
    }

    public StartReport start(Roster roster, Map<String, List<AgentSpec>> byHost, List<String> drift,
                             Consumer<String> progress) {
        return start(roster, byHost, drift, progress, java.util.Set.of());
    }

    /**
     * As above; the agents in {@code resume} get their profile's resume arguments (an update's
     * restart continues the conversation).
     */
    public StartReport start(Roster roster, Map<String, List<AgentSpec>> byHost, List<String> drift,
                             Consumer<String> progress, java.util.Set<String> resume) {
        List<String> started = new ArrayList<>();
        List<String> running = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        int total = byHost.values().stream().mapToInt(List::size).sum();
        int done = 0;
        Path launcher = Launcher.path(env.home());
        for (var e : byHost.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            HostSpec host = roster.host(e.getKey());
            Tmux tmux = servers.apply(host);
            String launcherPath = launcher.toString();
            String runDir = env.runDir().toString();
            RemoteLayout layout = null;
            RemoteHarness remote = null;
            try {
                if (host.isLocal()) {
                    Preflight.requireWritableDir(env.runDir(), "run dir (MOSAIC_HEARTBEAT_RUN_DIR)");
                    Launcher.install(env.home());
                } else {
                    // puts the launcher and sidecar on the host when missing or of another version
                    tmux.ssh().provision(Launcher.kit(), Launcher.version());
                    layout = tmux.ssh().layout();
                    remote = new RemoteHarness(tmux.ssh(), env);
                    launcherPath = layout.launcher();
                    runDir = layout.runDir();
                }
            } catch (SshException ex) {
                for (AgentSpec a : e.getValue()) {
                    failed.put(a.name(), ex.getMessage());
                    done++;
                }
                continue;
            }
            Map<String, PaneInfo> panes = tmux.panes();
            Map<String, Boolean> onPath = new HashMap<>();
            List<List<List<String>>> commands = new ArrayList<>();
            List<String> names = new ArrayList<>();
            Map<String, String> envFiles = new HashMap<>();
            for (AgentSpec a : e.getValue()) {
                PaneInfo pane = panes.get(a.name());
                if (pane != null && !pane.dead()) {
                    running.add(a.name());
                    done++;
                    continue;
                }
                try {
                    RuntimeProfile profile = runtimes.resolve(roster, a.runtime());
                    LaunchPlan plan = LaunchPlan.of(a, profile, env, passThrough, userHome, host.isLocal());
                    if (host.isLocal()) {
                        // settings, hooks, extension, mosaic on PATH: written where the harness runs
                        plan = AgentHarness.prepare(plan, a, profile, env, userHome,
                                AgentSpec.ORCHESTRATOR_ROLE.equals(a.role()));
                    }
                    if (layout != null) {
                        // the same settings and hooks, written on that host (sent with the others below)
                        plan = remote.prepare(plan.onHost(layout), a, profile,
                                AgentSpec.ORCHESTRATOR_ROLE.equals(a.role()));
                        // as locally: the harness `mosaic fleet update` installed in Mos's prefix there,
                        // when the profile runs it by its plain name and it is installed
                        String bin = profile.install().remoteBinPath(layout.home(), profile.name());
                        if (bin != null && (a.command() == null || a.command().isBlank())
                                && bin.endsWith("/" + plan.command().get(0))
                                && onPath.computeIfAbsent(bin, x -> Preflight.onPath(runner, tmux.ssh(), x))) {
                            plan = plan.withExecutable(bin);
                        }
                    }
                    // resolved here, on Mos's machine, for remote agents too: the secrets stay with Mos
                    plan = plan.withSecretsResolved(environment)
                            .withEnv(SayCredentials.ENV, credentials.issue(a.name()));
                    if (resume.contains(a.name()) && !profile.install().resume().isEmpty()) {
                        List<String> argv = new ArrayList<>(plan.command());
                        argv.addAll(profile.install().resume());
                        plan = new LaunchPlan(plan.agent(), argv, plan.workdir(), plan.env());
                    }
                    String exe = plan.command().get(0);
                    if (!onPath.computeIfAbsent(exe, x -> Preflight.onPath(runner, tmux.ssh(), x))) {
                        failed.put(a.name(), "runtime command '" + exe + "' (runtime " + a.runtime()
                                + ") is not on PATH" + (host.isLocal() ? "" : " on host " + host.name())
                                + "; install it or set the agent's command");
                        done++;
                        continue;
                    }
                    if (host.isLocal()) {
                        Preflight.requireWorkdir(a.name(), plan.workdir());
                    }
                    List<List<String>> cmd = new ArrayList<>();
                    if (pane != null) {
                        cmd.add(List.of("kill-session", "-t", "=" + a.name()));
                    }
                    // the environment goes in a 0600 file the launcher reads and deletes, never on argv
                    String content = EnvFile.encode(a.name(), plan.env());
                    String envFile = host.isLocal() ? EnvFile.writeLocal(env.runDir(), a.name(), content).toString()
                            : EnvFile.writeRemote(tmux.ssh(), runDir, a.name(), content);
                    envFiles.put(a.name(), envFile);
                    cmd.add(plan.newSessionArgs(launcherPath, runDir, env.heartbeatInterval(), envFile));
                    commands.add(cmd);
                    names.add(a.name());
                } catch (MosaicException | IllegalArgumentException ex) {
                    failed.put(a.name(), ex.getMessage());
                    done++;
                }
            }
            if (remote != null && !names.isEmpty()) {
                try {
                    remote.flush();
                } catch (MosaicException ex) {
                    names.forEach(n -> failed.put(n, ex.getMessage()));
                    done += names.size();
                    continue;
                }
            }
            for (int i = 0; i < commands.size(); i += BATCH) {
                int end = Math.min(commands.size(), i + BATCH);
                runBatch(tmux, commands.subList(i, end), names.subList(i, end), failed);
                done += end - i;
                progress.accept(done + "/" + total);
            }
            Map<String, PaneInfo> after = tmux.panes();
            for (String n : names) {
                if (after.containsKey(n)) {
                    started.add(n);
                    failed.remove(n);
                } else {
                    failed.putIfAbsent(n, "tmux did not create its session");
                    // no launcher will read it
                    EnvFile.discard(host.isLocal() ? null : tmux.ssh(), envFiles.get(n));
                }
            }
        }
        return new StartReport(started, running, failed, drift);
    }

    /** One invocation for the batch; when tmux refuses it, each agent alone, to name the culprit. */
    private static void runBatch(Tmux tmux, List<List<List<String>>> commands, List<String> names,
                                 Map<String, String> failed) {
        List<String> remainOnExit = List.of("set-option", "-wg", "remain-on-exit", "on");
        List<List<String>> all = new ArrayList<>();
        all.add(remainOnExit);
        commands.forEach(all::addAll);
        // one process: it also starts the server when none runs
        CommandResult r = tmux.execProcess(all);
        if (r.ok()) {
            return;
        }
        for (int i = 0; i < commands.size(); i++) {
            List<List<String>> one = new ArrayList<>();
            one.add(remainOnExit);
            one.addAll(commands.get(i));
            CommandResult single = tmux.execProcess(one);
            if (!single.ok() && !single.stderr().contains("duplicate session")) {
                failed.put(names.get(i), tmux.failure(single).getMessage());
            }
        }
    }
}
