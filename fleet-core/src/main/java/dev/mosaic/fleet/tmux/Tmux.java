package dev.mosaic.fleet.tmux;

import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.exec.CommandRunner;
import dev.mosaic.fleet.ssh.SshHost;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One tmux server: a private socket ({@code tmux -L}) on the local machine or, through ssh, on a
 * remote host. Callers give raw argument lists; this class makes them literal for the transport:
 * one process per call (arguments ending in {@code ;} escaped, commands separated by {@code ;}
 * argv elements, ssh-quoted when remote) or, when enabled, a persistent control-mode connection
 * (every argument single-quoted for tmux's parser).
 */
public final class Tmux implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /**
     * Each format field costs tmux time per pane (measured: ~1 ms per field at 200 panes), so the
     * exit status and group are only expanded when they matter ({@code #{?cond,a,b}}).
     */
    public static final String PANE_FORMAT = "#{session_name}\t#{pane_pid}\t#{?pane_dead,#{pane_dead_status},L}\t"
            + "#{?session_grouped,#{session_group},}";

    /** The default {@code MOSAIC_TMUX_SOCKET}: the one a real fleet runs on. */
    public static final String PRODUCTION_SOCKET = "mosaic-factory";
    /** A JVM with this system property set to {@code true} (the test suite) refuses {@link #PRODUCTION_SOCKET}. */
    public static final String TEST_MODE_PROPERTY = "mosaic.test";

    private final CommandRunner runner;
    private final String socket;
    private final SshHost ssh;
    private final boolean controlMode;
    private ControlClient control;
    private long controlRetryAfter;

    /**
     * @param runner the process seam
     * @param socket the {@code -L} socket name
     * @param ssh the host's connection for a remote server, or {@code null} for local
     * @param controlMode use a persistent control-mode connection for calls without stdin (local only)
     */
    public Tmux(CommandRunner runner, String socket, SshHost ssh, boolean controlMode) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.socket = Objects.requireNonNull(socket, "socket");
        if (socket.equals(PRODUCTION_SOCKET) && Boolean.getBoolean(TEST_MODE_PROPERTY)) {
            // a test that forgot MOSAIC_TMUX_SOCKET would otherwise start, stop or type into a real fleet
            throw new TmuxException("this JVM runs tests (-D" + TEST_MODE_PROPERTY + "=true) and must never reach"
                    + " the production tmux socket '" + PRODUCTION_SOCKET + "': set MOSAIC_TMUX_SOCKET to a private"
                    + " throwaway socket", false);
        }
        this.ssh = ssh;
        this.controlMode = controlMode && ssh == null;
    }

    public Tmux(CommandRunner runner, String socket) {
        this(runner, socket, null, false);
    }

    public String socket() {
        return socket;
    }

    public boolean isRemote() {
        return ssh != null;
    }

    /** The remote host's connection, or {@code null} for the local server. */
    public SshHost ssh() {
        return ssh;
    }

    /** The exact target of an agent's one pane: {@code =name:0.0} (no prefix matching). */
    public static String target(String session) {
        return "=" + session + ":0.0";
    }

    /**
     * tmux's argv parser treats an argument ending in {@code ;} as a command separator and eats
     * the {@code ;}; escaping it as {@code \;} keeps it literal.
     */
    public static String literalArg(String arg) {
        return arg.endsWith(";") ? arg.substring(0, arg.length() - 1) + "\\;" : arg;
    }

    /** The argv of one process running {@code commands} ({@code tmux -L socket ...}, ssh-wrapped when remote). */
    public List<String> argv(List<List<String>> commands) {
        List<String> tmux = tmuxArgv(commands);
        return ssh == null ? tmux : ssh.argv(tmux);
    }

    /** The tmux argv itself (what runs on the host). */
    private List<String> tmuxArgv(List<List<String>> commands) {
        List<String> tmux = new ArrayList<>();
        tmux.add("tmux");
        // -u: without a UTF-8 locale (systemd, env -i, CI) tmux prints the tabs of our -F formats
        // as '_', and ps would find no sessions.
        tmux.add("-u");
        tmux.add("-L");
        tmux.add(socket);
        int prefix = tmux.size();
        for (List<String> c : commands) {
            if (tmux.size() > prefix) {
                tmux.add(";");
            }
            c.forEach(a -> tmux.add(literalArg(a)));
        }
        return tmux;
    }

    /** Runs one command and returns its result whatever the exit status. */
    public CommandResult exec(List<String> command, String stdin) {
        return execAll(List.of(command), stdin);
    }

    /**
     * Runs commands in order as one unit (tmux stops at the first that fails) and returns the
     * result whatever the exit status.
     */
    public CommandResult execAll(List<List<String>> commands, String stdin) {
        if (ssh != null) {
            return ssh.run(tmuxArgv(commands), stdin, TIMEOUT);
        }
        List<String> argv = argv(commands);
        if (stdin == null && controlMode && ControlClient.canCarry(commands)) {
            ControlClient c = control();
            if (c != null) {
                CommandResult r = c.run(commands, argv);
                if (r != null) {
                    return r;
                }
            }
        }
        return runner.run(argv, stdin, TIMEOUT);
    }

    /** As {@link #execAll} but always in a process of its own (needed to start a server). */
    public CommandResult execProcess(List<List<String>> commands) {
        if (ssh != null) {
            return ssh.run(tmuxArgv(commands), null, TIMEOUT);
        }
        return runner.run(argv(commands), null, TIMEOUT);
    }

    /** Runs one command; a non-zero exit becomes a {@link TmuxException} with tmux's message. */
    public String run(String... args) {
        CommandResult r = exec(List.of(args), null);
        if (!r.ok()) {
            throw failure(r);
        }
        return r.stdout();
    }

    /** Turns a failed result into an exception, recognising a server that is not running. */
    public TmuxException failure(CommandResult r) {
        String msg = r.stderr().strip();
        if (msg.isEmpty()) {
            msg = "exit status " + r.exitCode();
        }
        return new TmuxException("tmux (socket " + socket + (isRemote() ? " on host " + ssh.name() : "") + "): " + msg,
                isServerDown(msg));
    }

    public static boolean isServerDown(String stderr) {
        return stderr.contains("no server running") || stderr.contains("error connecting to")
                || stderr.contains("server exited");
    }

    /**
     * Every session's first pane in one call ({@code list-panes -a -F} with all fields), so
     * {@code ps} costs O(1) tmux calls however many agents run. An absent server means no panes.
     * The hidden control-mode session is left out.
     */
    public Map<String, PaneInfo> panes() {
        CommandResult r = exec(List.of("list-panes", "-a", "-F", PANE_FORMAT), null);
        if (!r.ok()) {
            TmuxException e = failure(r);
            if (e.serverDown()) {
                return Map.of();
            }
            throw e;
        }
        return parsePanes(r.stdout());
    }

    /** Parses {@code list-panes -a -F PANE_FORMAT} output: each session's first pane, by session name. */
    public static Map<String, PaneInfo> parsePanes(String stdout) {
        Map<String, PaneInfo> panes = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            String[] f = line.split("\t", -1);
            // list-panes -a lists a session's panes in order: the first one is the agent's pane
            if (f.length < 4 || panes.containsKey(f[0]) || f[0].equals(ControlClient.SESSION)) {
                continue;
            }
            boolean dead = !"L".equals(f[2]);
            boolean viewer = !f[3].isEmpty() && !f[3].equals(f[0]);
            panes.put(f[0], new PaneInfo(f[0], parseLong(f[1]), dead, dead ? (int) parseLong(f[2]) : -1, viewer));
        }
        return panes;
    }

    /**
     * The control connection, connecting only when a server already runs (a query must never start
     * one). After a failure, one process per call is used for a second before trying again.
     */
    private synchronized ControlClient control() {
        if (control != null && control.usable()) {
            return control;
        }
        if (control != null) {
            control.close();
            control = null;
        }
        long now = System.nanoTime();
        if (now < controlRetryAfter || !serverRunning()) {
            return null;
        }
        try {
            control = ControlClient.connect(runner, socket, TIMEOUT);
        } catch (IOException e) {
            control = null;
            controlRetryAfter = now + Duration.ofSeconds(1).toNanos();
        }
        return control;
    }

    private boolean serverRunning() {
        return runner.run(argv(List.of(List.of("list-sessions", "-F", "#{session_name}"))), null, TIMEOUT).ok();
    }

    @Override
    public synchronized void close() {
        if (control != null) {
            // the hidden session would otherwise keep the server alive after the last agent stopped
            control.run(List.of(List.of("kill-session", "-t", "=" + ControlClient.SESSION)), List.of());
            control.close();
            control = null;
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
