package dev.mosaic.fleet;

import dev.mosaic.fleet.engine.FleetStarter;
import dev.mosaic.fleet.engine.KeyNames;
import dev.mosaic.fleet.engine.TextSender;
import dev.mosaic.fleet.engine.TypingLease;
import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.exec.CommandRunner;
import dev.mosaic.fleet.harness.Approvals;
import dev.mosaic.fleet.harness.Questions;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import dev.mosaic.fleet.heartbeat.Heartbeat;
import dev.mosaic.fleet.heartbeat.HeartbeatFiles;
import dev.mosaic.fleet.ps.AgentStatus;
import dev.mosaic.fleet.ps.FleetSnapshot;
import dev.mosaic.fleet.ps.PsJson;
import dev.mosaic.fleet.ps.SendResult;
import dev.mosaic.fleet.ps.StartReport;
import dev.mosaic.fleet.ps.StopReport;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.HostSpec;
import dev.mosaic.fleet.roster.Names;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.ssh.SshHost;
import dev.mosaic.fleet.ssh.SshHosts;
import dev.mosaic.fleet.ssh.SshSettings;
import dev.mosaic.fleet.tmux.PaneInfo;
import dev.mosaic.fleet.tmux.Tmux;
import dev.mosaic.fleet.update.Drain;
import dev.mosaic.fleet.update.UpdateGate;
import dev.mosaic.fleet.update.Updater;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet engine's facade: starts, stops, lists and talks to agents living in tmux sessions on
 * a private socket. Every tmux call is an argv list through the {@link CommandRunner} seam, targets
 * are exact ({@code =name:0.0}), and {@link #ps()} costs one tmux call per host however many
 * agents run. Thread-safe; one instance may serve a whole service.
 *
 * <pre>{@code
 * try (Fleet fleet = new Fleet(store::load, profiles::resolve, env, Clock.systemUTC(), new ProcessCommandRunner())) {
 *     fleet.start(List.of());                       // everything the roster has and tmux lacks
 *     SendResult r = fleet.send("coder-1", "run the tests");
 * }
 * }</pre>
 */
public final class Fleet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

    private final Supplier<Roster> roster;
    private final RuntimeResolver runtimes;
    private final MosaicEnv env;
    private final Clock clock;
    private final CommandRunner runner;
    private final Map<String, String> passThrough;
    private final Map<String, String> environment;
    private final Path userHome;
    private final HeartbeatFiles heartbeats;
    private final boolean controlMode;
    private final Map<String, Tmux> servers = new ConcurrentHashMap<>();
    /** How long a send waits for a starting harness. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private final Map<String, Object> sendLocks = new ConcurrentHashMap<>();
    private final SshHosts ssh;
    private final boolean ownsSsh;
    private final FleetView view;
    private final Readiness readiness;
    // Human input (web butt-in) holds an agent for 2 s after each keystroke; automated sends wait
    // up to 15 s for it, so a bot's line never lands inside a person's half-typed one.
    private final TypingLease typing = new TypingLease(Duration.ofSeconds(2), Duration.ofSeconds(15));
    /** Agents an update is restarting: sends wait (in any process) until they are ready again. */
    private final UpdateGate gate;
    /** How long a send waits for an agent an update is restarting. */
    public static final Duration UPDATE_HOLD_MAX = Duration.ofMinutes(15);

    public Fleet(Supplier<Roster> roster, RuntimeResolver runtimes, MosaicEnv env, Clock clock, CommandRunner runner) {
        this(roster, runtimes, env, clock, runner, Map.of(), Path.of(System.getProperty("user.home")), true);
    }

    /**
     * @param passThrough variables handed to every agent when set (e.g. {@code MOSAIC_LAUNCHER})
     * @param userHome expands {@code ~} in local working directories
     * @param controlMode keep one tmux control-mode connection per local server for send, ps and
     *     capture (one process per call otherwise, and always as the fallback)
     */
    public Fleet(Supplier<Roster> roster, RuntimeResolver runtimes, MosaicEnv env, Clock clock, CommandRunner runner,
                 Map<String, String> passThrough, Path userHome, boolean controlMode) {
        this(roster, runtimes, env, clock, runner, passThrough, userHome, controlMode, null);
    }

    /**
     * As above, with the process's ssh connections ({@code null}: this fleet opens its own, as the
     * CLI does, and they persist briefly after it closes).
     */
    public Fleet(Supplier<Roster> roster, RuntimeResolver runtimes, MosaicEnv env, Clock clock, CommandRunner runner,
                 Map<String, String> passThrough, Path userHome, boolean controlMode, SshHosts ssh) {
        this(roster, runtimes, env, clock, runner, passThrough, userHome, controlMode, ssh,
                Map.of("HOME", userHome.toString()));
    }

    /**
     * As above, with the process's environment ({@code System.getenv()} at the edge), against which
     * agents' secret references ({@code env: { KEY: "${env:NAME}" }}, {@code ${file:PATH}}) are
     * resolved when they start.
     */
    public Fleet(Supplier<Roster> roster, RuntimeResolver runtimes, MosaicEnv env, Clock clock, CommandRunner runner,
                 Map<String, String> passThrough, Path userHome, boolean controlMode, SshHosts ssh,
                 Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.roster = Objects.requireNonNull(roster, "roster");
        this.runtimes = Objects.requireNonNull(runtimes, "runtimes");
        this.env = Objects.requireNonNull(env, "env");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.passThrough = Map.copyOf(passThrough);
        this.userHome = Objects.requireNonNull(userHome, "userHome");
        this.controlMode = controlMode;
        this.heartbeats = new HeartbeatFiles(env.runDir(), env.heartbeatInterval(), clock);
        this.ownsSsh = ssh == null;
        this.ssh = ssh != null ? ssh : new SshHosts(SshSettings.cli(env.home(), userHome), runner);
        this.view = new FleetView(roster, runtimes, heartbeats, clock, this::tmux, this.ssh);
        this.readiness = new Readiness(view, clock, this::screen);
        this.gate = new UpdateGate(env.runDir());
    }

    /**
     * True when the agent's screen shows it working or at a prompt (the profile's screen patterns),
     * whatever its last report said: an update's second look before it restarts an agent, since a
     * report can be late on a loaded machine and a restart would cut the turn short.
     */
    public boolean screenBusy(String agent) {
        Roster r = roster.get();
        RuntimeProfile p = runtimes.resolve(r, requireAgent(r, agent).runtime());
        Map<String, String> patterns = p.screen().asMap();
        String scr;
        try {
            scr = screen(agent);
        } catch (MosaicException e) {
            return false; // no pane: nothing runs that a restart could cut
        }
        for (String k : List.of("working", "approval", "input")) {
            String pat = patterns.get(k);
            if (pat != null && java.util.regex.Pattern.compile(pat, java.util.regex.Pattern.MULTILINE).matcher(scr).find()) {
                return true;
            }
        }
        return false;
    }

    /** Harness updates of this fleet ({@code mosaic fleet update}): plan, run, history. */
    public Updater updater() {
        return new Updater(this, runtimes, runner, userHome, clock);
    }

    /** The per-agent hold an update puts on sends while it restarts an agent. */
    public UpdateGate updateGate() {
        return gate;
    }

    /**
     * Restarts one agent for a harness update, its conversation resumed (the profile's resume
     * arguments), in the same session name and workdir. Sends to it are held from now until the
     * caller {@linkplain UpdateGate#release releases} the agent (once it is ready again): the hold
     * is taken first, then any send being typed finishes, then — with {@code onlyIfIdle} — the
     * agent is checked idle once more, since that send may have given it work.
     *
     * @return false (and the hold released) when the agent was no longer idle
     * @throws FleetException when it did not start again (the hold stays for the caller to release)
     */
    public boolean restartForUpdate(String agent, boolean onlyIfIdle) {
        requireAgent(roster.get(), agent);
        gate.hold(agent);
        synchronized (sendLocks.computeIfAbsent(agent, k -> new Object())) {
            if (onlyIfIdle && (!Drain.restartable(status(agent)) || screenBusy(agent))) {
                gate.release(agent);
                return false;
            }
            stop(List.of(agent));
            Roster r = roster.get();
            StartReport report = new FleetStarter(env, runner, runtimes, passThrough, userHome, this::tmux, environment)
                    .start(r, byHost(r, List.of(requireAgent(r, agent))), List.of(), p -> { }, java.util.Set.of(agent));
            if (report.failed().containsKey(agent)) {
                throw new FleetException("agent '" + agent + "' did not restart: " + report.failed().get(agent));
            }
            return true;
        }
    }

    /** This fleet's ssh connections to remote hosts. */
    public SshHosts ssh() {
        return ssh;
    }

    public MosaicEnv env() {
        return env;
    }

    public HeartbeatFiles heartbeats() {
        return heartbeats;
    }

    /** The roster this fleet works from right now (the service's is cached until the file changes). */
    public Roster roster() {
        return roster.get();
    }

    /**
     * The whole fleet: one {@code list-panes -a} per host in use, every remote host asked at once
     * in one round trip that also reads its heartbeat files. Never fails because an agent or a host
     * is down: a host that cannot be reached makes its agents {@code unknown} with the reason.
     */
    public FleetSnapshot ps() {
        return view.ps();
    }

    /** {@link #ps()} as {@code mosaic.fleet.ps/v1} JSON. */
    public String psJson() {
        return PsJson.write(ps());
    }

    /** One agent's row; a {@link FleetException} naming the agent when the roster lacks it. */
    public AgentStatus status(String agent) {
        requireAgent(roster.get(), agent);
        return ps().agent(agent).orElseThrow();
    }

    /** Starts the named agents (empty: every roster agent tmux lacks). Running agents are left alone. */
    public StartReport start(Collection<String> agents) {
        return start(agents, progress -> { });
    }

    /**
     * As {@link #start(Collection)}, reporting {@code "started/total"} progress after each batch.
     */
    public StartReport start(Collection<String> agents, Consumer<String> progress) {
        Roster r = roster.get();
        List<AgentSpec> chosen = choose(r, agents);
        return new FleetStarter(env, runner, runtimes, passThrough, userHome, this::tmux, environment)
                .start(r, byHost(r, chosen), view.drift(r), progress);
    }

    /** Stops the named agents (empty: all roster agents). Unmanaged sessions are reported, not touched. */
    public StopReport stop(Collection<String> agents) {
        Roster r = roster.get();
        List<AgentSpec> chosen = choose(r, agents);
        List<String> stopped = new ArrayList<>();
        List<String> notRunning = new ArrayList<>();
        for (var e : byHost(r, chosen).entrySet()) {
            HostSpec host = r.host(e.getKey());
            Tmux tmux = tmux(host);
            Map<String, PaneInfo> panes = tmux.panes();
            List<List<String>> args = new ArrayList<>();
            for (AgentSpec a : e.getValue()) {
                if (panes.containsKey(a.name())) {
                    args.add(List.of("kill-session", "-t", "=" + a.name()));
                    stopped.add(a.name());
                } else {
                    notRunning.add(a.name());
                }
                if (host.isLocal()) {
                    heartbeats.delete(a.name());
                }
            }
            if (!args.isEmpty()) {
                CommandResult res = tmux.execAll(args, null);
                if (!res.ok() && !tmux.failure(res).serverDown()) {
                    throw new FleetException("could not stop " + e.getValue().stream().map(AgentSpec::name).toList()
                            + ": " + tmux.failure(res).getMessage());
                }
            }
            if (!host.isLocal()) {
                // after the kills, so a sidecar's last beat cannot bring a file back
                tmux.ssh().removeAgentFiles(e.getValue().stream().map(AgentSpec::name).toList());
            }
        }
        return new StopReport(stopped, notRunning, view.drift(r));
    }

    /** Stops (when running) and starts one agent. */
    public void restart(String agent) {
        stop(List.of(agent));
        StartReport report = start(List.of(agent));
        if (report.failed().containsKey(agent)) {
            throw new FleetException("agent '" + agent + "' did not restart: " + report.failed().get(agent));
        }
    }

    /** Sends text literally, presses Enter, and reports delivered only when the pane shows the text. */
    public SendResult send(String agent, String text) {
        return send(agent, text, true);
    }

    /** As {@link #send(String, String)}; with {@code verify=false} no capture is made (delivered is then true). */
    public SendResult send(String agent, String text, boolean verify) {
        Roster r = roster.get();
        AgentSpec a = requireAgent(r, agent);
        // One automated send per agent at a time: a service sends from many threads (chat
        // conversations, the comms relay, local clients), and two texts typed at once would mix.
        // An update restarting the agent holds the send until the agent is ready again.
        while (true) {
            gate.await(agent, UPDATE_HOLD_MAX);
            synchronized (sendLocks.computeIfAbsent(agent, k -> new Object())) {
                if (gate.held(agent)) {
                    continue; // the update took the agent while this send waited for the lock
                }
                return sendNow(r, a, agent, text, verify);
            }
        }
    }

    private SendResult sendNow(Roster r, AgentSpec a, String agent, String text, boolean verify) {
        typing.awaitQuiet(agent);
        RuntimeProfile profile = runtimes.resolve(r, a.runtime());
        HostSpec host = r.host(a.host());
        if (profile.harness() != null) {
            readiness.await(a, profile, host);
        }
        SendResult sent = TextSender.send(tmux(host), agent, text, profile.enterDelay(), verify);
        java.util.regex.Pattern inputLine = sent.delivered() ? profile.ready() : null; // compiled once per send
        if (inputLine != null && TextSender.submitIfStuck(tmux(host), agent, text, inputLine) > 0) {
            LOG.info("agent {}: Enter pressed again (the text was still on its input line)", agent);
        }
        if ("codex".equals(profile.harness()) && sent.delivered()) {
            // Codex reports only a finished turn (notify); the turn it starts now is Mos's to record
            record(agent, host, "working");
        }
        return sent;
    }

    /**
     * The pane's recent content: the last {@code lines} non-blank-trailing lines (history included),
     * with ANSI colours when asked ({@code capture-pane -e}).
     */
    public String capture(String agent, int lines, boolean ansiColours) {
        if (lines < 1) {
            throw new FleetException(MosaicException.Kind.INVALID, "line count must be at least 1, was " + lines);
        }
        Roster r = roster.get();
        AgentSpec a = requireAgent(r, agent);
        Tmux tmux = tmux(r.host(a.host()));
        List<String> args = new ArrayList<>(List.of("capture-pane", "-p", "-J", "-S", "-" + lines));
        if (ansiColours) {
            args.add("-e");
        }
        args.addAll(List.of("-t", Tmux.target(agent)));
        CommandResult res = tmux.exec(args, null);
        if (!res.ok()) {
            throw TextSender.notRunning(tmux, agent, res);
        }
        List<String> all = new ArrayList<>(List.of(res.stdout().split("\n", -1)));
        while (!all.isEmpty() && all.get(all.size() - 1).isBlank()) {
            all.remove(all.size() - 1);
        }
        List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
        return last.isEmpty() ? "" : String.join("\n", last) + "\n";
    }

    /** Presses named keys (Enter, C-c, Up, ...) in the agent's pane; names outside the allow-list are refused. */
    public void sendKeys(String agent, List<String> tmuxKeyNames) {
        List<String> keys = KeyNames.require(tmuxKeyNames);
        Roster r = roster.get();
        AgentSpec a = requireAgent(r, agent);
        Tmux tmux = tmux(r.host(a.host()));
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", Tmux.target(agent)));
        args.addAll(keys);
        CommandResult res = tmux.exec(args, null);
        if (!res.ok()) {
            throw TextSender.notRunning(tmux, agent, res);
        }
    }

    /**
     * A person typing into the agent's pane (web butt-in): {@code text} literally (a newline presses
     * Enter, other control characters are dropped), then the allow-listed {@code keys}. Takes the
     * typing lease, so automated {@link #send} calls wait until the person pauses.
     */
    public void type(String agent, String text, List<String> keys) {
        // a person's trailing newline is their Enter: keep it (TextSender.clean drops it for sends)
        String clean = text == null ? "" : TextSender.dropControls(text.replace("\r", ""));
        List<String> pressed = keys == null || keys.isEmpty() ? List.of() : KeyNames.require(keys);
        if (clean.isEmpty() && pressed.isEmpty()) {
            throw new FleetException(MosaicException.Kind.INVALID, "nothing to type into '" + agent + "': give text or keys");
        }
        Roster r = roster.get();
        AgentSpec a = requireAgent(r, agent);
        typing.humanTyped(agent);
        Tmux tmux = tmux(r.host(a.host()));
        String target = Tmux.target(agent);
        List<List<String>> commands = new ArrayList<>();
        String[] lines = clean.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isEmpty()) {
                commands.add(List.of("send-keys", "-t", target, "-l", "--", lines[i]));
            }
            if (i < lines.length - 1) {
                commands.add(List.of("send-keys", "-t", target, "Enter"));
            }
        }
        if (!pressed.isEmpty()) {
            List<String> k = new ArrayList<>(List.of("send-keys", "-t", target));
            k.addAll(pressed);
            commands.add(k);
        }
        CommandResult res = tmux.execAll(commands, null);
        if (!res.ok()) {
            throw TextSender.notRunning(tmux, agent, res);
        }
    }

    /** The lease human input takes on an agent; automated sends wait for it. */
    public TypingLease typingLease() {
        return typing;
    }

    /**
     * Attaches this terminal read-only to the agent through a grouped viewer session, which is
     * removed afterwards however the attach ends (normal exit, failure, interrupt, JVM shutdown).
     *
     * @return the exit status of {@code tmux attach}
     */
    public int watch(String agent) {
        Roster r = roster.get();
        AgentSpec a = requireAgent(r, agent);
        return AgentWatch.attach(tmux(r.host(a.host())), runner, agent);
    }

    /** The tmux server of a host (local: the fleet's private socket). */
    public Tmux tmux(HostSpec host) {
        String socket = host.tmuxSocket() != null ? host.tmuxSocket() : env.tmuxSocket();
        if (host.isLocal()) {
            return servers.computeIfAbsent(host.name() + "\n" + socket, k -> new Tmux(runner, socket, null, controlMode));
        }
        SshHost conn = ssh.get(host);
        return servers.compute(host.name() + "\n" + socket, (k, t) -> t != null && t.ssh() == conn ? t
                : new Tmux(runner, socket, conn, false));
    }

    @Override
    public void close() {
        servers.values().forEach(Tmux::close);
        servers.clear();
        if (ownsSsh) {
            ssh.close();
        }
    }

    /** The agent's visible screen (no scrollback), as the live-state patterns read it. */
    public String screen(String agent) {
        Roster r = roster.get();
        AgentSpec a = requireAgent(r, agent);
        Tmux tmux = tmux(r.host(a.host()));
        CommandResult res = tmux.exec(List.of("capture-pane", "-p", "-J", "-t", Tmux.target(agent)), null);
        if (!res.ok()) {
            throw TextSender.notRunning(tmux, agent, res);
        }
        return res.stdout();
    }

    /** The permission prompt the agent shows now (tool and command, redacted), if any. */
    public Optional<Approvals.Prompt> pendingPrompt(String agent) {
        Roster r = roster.get();
        AgentSpec a = requireAgent(r, agent);
        return Approvals.read(runtimes.resolve(r, a.runtime()), screen(agent),
                view.beat(r.host(a.host()), agent).request());
    }

    /**
     * Approves or denies the agent's permission prompt by pressing its key, after confirming on a
     * fresh read of the screen that the prompt (the one with {@code expectedFingerprint}, or any when
     * {@code null}) is still there. A deny fires no hook in Claude Code, so Mos records the agent idle.
     *
     * @throws FleetException "that prompt is gone (it is now …)" when it is not
     */
    public Approvals.Prompt answer(String agent, boolean approve, String expectedFingerprint) {
        Roster r = roster.get();
        AgentSpec a = requireAgent(r, agent);
        RuntimeProfile profile = runtimes.resolve(r, a.runtime());
        HostSpec host = r.host(a.host());
        Approvals.Prompt p = Approvals.answer(agent, profile, approve, expectedFingerprint, () -> screen(agent),
                () -> view.beat(host, agent).request(), key -> sendKeys(agent, List.of(key)),
                () -> Objects.requireNonNullElse(status(agent).heartbeat().activity(), "running"));
        if (!approve) {
            record(agent, host, "idle");
        }
        return p;
    }

    /** The question the agent's harness asks now (its text and options), if any. */
    public Optional<Questions.Question> pendingQuestion(String agent) {
        requireAgent(roster.get(), agent);
        return Questions.current(heartbeats.pendingRequest(agent), screen(agent));
    }

    /**
     * Types a person's {@code reply} into the agent's question dialog as its answer (an option by
     * number or label, else free text), after confirming on a fresh read that the question is there.
     *
     * @throws FleetException "that question is gone (it is now …)" when it is not
     */
    public Questions.Question answerQuestion(String agent, String reply) {
        Roster r = roster.get();
        AgentSpec a = requireAgent(r, agent);
        RuntimeProfile profile = runtimes.resolve(r, a.runtime());
        Tmux tmux = tmux(r.host(a.host()));
        String clean = TextSender.dropControls(reply == null ? "" : reply.replace("\r", "").replace('\n', ' '));
        synchronized (sendLocks.computeIfAbsent(agent, k -> new Object())) {
            return Questions.answer(agent, clean, () -> screen(agent), () -> heartbeats.pendingRequest(agent),
                    text -> tmux.exec(List.of("send-keys", "-t", Tmux.target(agent), "-l", "--", text), null),
                    key -> sendKeys(agent, List.of(key)), profile.enterDelay(),
                    () -> Objects.requireNonNullElse(status(agent).heartbeat().activity(), "running"));
        }
    }

    /**
     * What each roster agent reported itself (its heartbeat file, before any screen is read): local
     * files, and with {@code remote} one round trip per remote host; agents of a host not read (or
     * unreachable) are absent.
     */
    public Map<String, Heartbeat> reports(boolean remote) {
        Roster r = roster.get();
        Map<String, Heartbeat> out = new LinkedHashMap<>();
        for (var e : byHost(r, r.allAgents()).entrySet()) {
            HostSpec host = r.host(e.getKey());
            if (host.isLocal()) {
                e.getValue().forEach(a -> out.put(a.name(), heartbeats.read(a.name())));
            } else if (remote && !e.getValue().isEmpty()) {
                view.beats(host).ifPresent(there -> e.getValue().forEach(a -> out.put(a.name(),
                        there.getOrDefault(a.name(), Heartbeat.unknown()))));
            }
        }
        return out;
    }

    /**
     * Records an activity the harness does not report itself (Codex's turn starting; Claude Code's
     * idle after a denial, which fires no hook): the heartbeat file here, or the remote hook there.
     */
    private void record(String agent, HostSpec host, String activity) {
        if (host.isLocal()) {
            Heartbeat hb = heartbeats.read(agent);
            heartbeats.write(agent, hb.pid() == null ? 0 : hb.pid(), hb.status() == null ? "ok" : hb.status(), activity);
            return;
        }
        SshHost conn = tmux(host).ssh();
        var layout = conn.layout();
        conn.run(List.of("env", "MOSAIC_AGENT_NAME=" + agent, "MOSAIC_HEARTBEAT_RUN_DIR=" + layout.runDir(),
                layout.hook(), "mos", activity), null, ssh.settings().callTimeout());
    }

    static Map<String, List<AgentSpec>> byHost(Roster r, List<AgentSpec> agents) {
        Map<String, List<AgentSpec>> byHost = new LinkedHashMap<>();
        byHost.put(HostSpec.LOCAL, new ArrayList<>());
        for (AgentSpec a : agents) {
            byHost.computeIfAbsent(a.host(), h -> new ArrayList<>()).add(a);
        }
        return byHost;
    }

    private static List<AgentSpec> choose(Roster r, Collection<String> names) {
        if (names.isEmpty()) {
            return r.allAgents();
        }
        List<AgentSpec> chosen = new ArrayList<>();
        for (String n : new java.util.LinkedHashSet<>(names)) {
            chosen.add(requireAgent(r, n));
        }
        return chosen;
    }

    /** The agent's roster entry, or a {@link FleetException} naming the bad or unknown name. */
    public static AgentSpec requireAgent(Roster r, String name) {
        if (!Names.isValid(name)) {
            throw new FleetException(MosaicException.Kind.INVALID, "agent name '" + name + "' is invalid: use 1-40 lower-case letters, digits,"
                    + " '-' or '_', starting with a letter or digit");
        }
        return r.agent(name).orElseThrow(() -> new FleetException(MosaicException.Kind.NOT_FOUND,
                "agent '" + name + "' is not in the roster"
                + (r.source() != null ? " (" + r.source() + ")" : "") + "; see 'mosaic fleet agent list'"));
    }
}
