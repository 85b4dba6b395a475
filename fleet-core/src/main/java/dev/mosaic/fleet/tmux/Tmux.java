package dev.mosaic.fleet.tmux;

import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.exec.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One tmux server: a private socket ({@code tmux -L}) on the local machine or, through ssh, on a
 * remote host. Builds argv lists only; over ssh every argument is shell-quoted because the remote
 * side receives one command string.
 */
public final class Tmux {

    /** Separates commands inside one tmux invocation (an argv element of its own). */
    public static final String SEPARATOR = ";";

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String PANE_FORMAT = "#{session_name}\t#{window_index}\t#{pane_index}\t#{pane_pid}\t"
            + "#{pane_dead}\t#{pane_dead_status}\t#{session_group}";

    private final CommandRunner runner;
    private final String socket;
    private final String sshDestination;

    /**
     * @param runner the process seam
     * @param socket the {@code -L} socket name
     * @param sshDestination {@code user@host} for a remote server, or {@code null} for local
     */
    public Tmux(CommandRunner runner, String socket, String sshDestination) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.socket = Objects.requireNonNull(socket, "socket");
        this.sshDestination = sshDestination;
    }

    public String socket() {
        return socket;
    }

    public boolean isRemote() {
        return sshDestination != null;
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

    /** The full argv for one invocation ({@code tmux -L socket args...}, ssh-wrapped when remote). */
    public List<String> argv(List<String> args) {
        List<String> tmux = new ArrayList<>(args.size() + 3);
        tmux.add("tmux");
        tmux.add("-L");
        tmux.add(socket);
        tmux.addAll(args);
        if (sshDestination == null) {
            return tmux;
        }
        return List.of("ssh", "-o", "BatchMode=yes", sshDestination, "--", ShellQuote.join(tmux));
    }

    /** Runs one invocation and returns its result whatever the exit status. */
    public CommandResult exec(List<String> args, String stdin) {
        return runner.run(argv(args), stdin, TIMEOUT);
    }

    /** Runs one invocation; a non-zero exit becomes a {@link TmuxException} with tmux's message. */
    public String run(List<String> args, String stdin) {
        CommandResult r = exec(args, stdin);
        if (!r.ok()) {
            throw failure(r);
        }
        return r.stdout();
    }

    public String run(String... args) {
        return run(List.of(args), null);
    }

    /** Turns a failed result into an exception, recognising a server that is not running. */
    public TmuxException failure(CommandResult r) {
        String msg = r.stderr().strip();
        if (msg.isEmpty()) {
            msg = "exit status " + r.exitCode();
        }
        return new TmuxException("tmux (socket " + socket + (isRemote() ? " on " + sshDestination : "") + "): " + msg,
                isServerDown(msg));
    }

    static boolean isServerDown(String stderr) {
        return stderr.contains("no server running") || stderr.contains("error connecting to")
                || stderr.contains("No such file or directory") && stderr.contains("connect");
    }

    /**
     * Every session's first pane in one call ({@code list-panes -a -F} with all fields), so
     * {@code ps} costs O(1) tmux calls however many agents run. An absent server means no panes.
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
        Map<String, PaneInfo> panes = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 7 || !"0".equals(f[1]) || !"0".equals(f[2])) {
                continue;
            }
            boolean dead = "1".equals(f[4]);
            boolean viewer = !f[6].isEmpty() && !f[6].equals(f[0]);
            panes.put(f[0], new PaneInfo(f[0], parseLong(f[3]), dead, dead ? (int) parseLong(f[5]) : -1, viewer));
        }
        return panes;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
