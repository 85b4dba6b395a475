package dev.mosaic.fleet.ssh;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.exec.CommandRunner;
import dev.mosaic.fleet.roster.HostSpec;
import dev.mosaic.fleet.tmux.ShellQuote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One remote host behind one persistent, multiplexed OpenSSH connection (a {@code ControlMaster}
 * with a control socket in Mos's private ssh directory). The master is opened lazily by the first
 * call, reused by every later call (a call costs a session on the open connection, not a TCP and
 * key exchange), and opened again after it dropped. {@code BatchMode} always: ssh never prompts.
 * Host keys are trusted on first use into Mos's own known-hosts file; a changed key is refused
 * with a message saying how to re-trust it.
 *
 * <p>Remote commands are argv lists: each argument is shell-quoted for the remote shell, so no
 * roster or chat value is ever read as shell text there.
 */
public final class SshHost implements AutoCloseable {

    /** After a failed connect, calls fail fast with the same reason for this long. */
    private static final Duration RETRY_AFTER = Duration.ofMillis(800);
    private static final String HELLO = "printf '%s\\n' \"$HOME\"; cat \"$HOME/.local/share/mosaic/VERSION\" 2>/dev/null"
            + " || echo; tmux -V 2>/dev/null || echo";

    private final HostSpec spec;
    private final SshSettings settings;
    private final CommandRunner runner;
    private final Supplier<ServiceBridge> bridges;
    private final Path controlSocket;
    private final Path log;
    private RemoteLayout layout;
    private String lastFailure;
    private long failedAt;
    private boolean opened;
    private PsChannel ps;
    private List<String> psArgs;
    private final Object psLock = new Object();

    SshHost(HostSpec spec, SshSettings settings, CommandRunner runner, Supplier<ServiceBridge> bridges) {
        if (spec.isLocal()) {
            throw new IllegalArgumentException("host 'local' has no ssh connection");
        }
        this.spec = spec;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.bridges = Objects.requireNonNull(bridges, "bridges");
        this.controlSocket = settings.controlSocket(spec.name());
        this.log = settings.dir().resolve(settings.role() + "-" + spec.name() + ".log");
    }

    public HostSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    /** The ssh argv that runs {@code remoteArgv} on the host over the shared connection. */
    public List<String> argv(List<String> remoteArgv) {
        List<String> a = base();
        a.add("-o");
        a.add("ControlMaster=no");
        a.add(spec.ssh());
        a.add("--");
        a.add(ShellQuote.join(remoteArgv));
        return a;
    }

    /** As {@link #argv} with a terminal ({@code ssh -t}), for attaching to a remote tmux session. */
    public List<String> interactiveArgv(List<String> remoteArgv) {
        ensureOpen();
        List<String> a = argv(remoteArgv);
        a.add(1, "-t");
        return a;
    }

    /**
     * Runs {@code remoteArgv} on the host and returns its result whatever its exit status.
     *
     * @throws SshException when the host cannot be reached (named, with the reason) within the timeout
     */
    public CommandResult run(List<String> remoteArgv, String stdin, Duration timeout) {
        ensureOpen();
        CommandResult r;
        try {
            r = runner.run(argv(remoteArgv), stdin, timeout);
        } catch (MosaicException e) {
            // a silent network keeps the call waiting: the timeout is the report
            dropped();
            throw unreachable("no answer within " + timeout.toMillis() + " ms");
        }
        if (r.stderr().contains("Control socket connect")) {
            // the master died without removing its socket; ssh fell back to a direct connection
            dropped();
        }
        if (r.exitCode() == 255 && SshErrors.isSshError(r.stderr())) {
            dropped();
            throw failure(r.stderr());
        }
        return r;
    }

    /**
     * Asks the host's long-lived ps session (opened on first use when the settings keep channels,
     * as the service's do) for one answer of {@link RemoteSnapshot#BODY} with {@code args} (socket,
     * format, run dir); null when channels are off or the session broke, and the caller then makes
     * one call of its own (which also reports why a host is unreachable).
     */
    String askPs(List<String> args, Duration timeout) {
        if (!settings.keepChannels()) {
            return null;
        }
        synchronized (psLock) {
            ensureOpen();
            if (ps == null || !ps.usable() || !args.equals(psArgs)) {
                if (ps != null) {
                    ps.close();
                }
                List<String> remote = new ArrayList<>(List.of("sh", "-c", PsChannel.loop(), "mosaic-ps"));
                remote.addAll(args);
                try {
                    ps = new PsChannel(runner.spawn(argv(remote)));
                    psArgs = List.copyOf(args);
                } catch (MosaicException e) {
                    ps = null;
                    return null;
                }
            }
            String out = ps.ask(timeout);
            if (out == PsChannel.TIMED_OUT) {
                // a silent network: report it now rather than wait again for a fallback call
                ps = null;
                synchronized (this) {
                    opened = false;
                }
                throw unreachable("no answer within " + timeout.toMillis() + " ms");
            }
            if (out == null) {
                ps = null;
                dropped();
            }
            return out;
        }
    }

    /** The remote side's home, sidecar and tmux versions (read once per connection). */
    public synchronized RemoteLayout layout() {
        ensureOpen();
        if (layout == null) {
            CommandResult r = run(List.of("sh", "-c", HELLO), null, settings.callTimeout());
            String[] lines = (r.stdout() + "\n\n\n").split("\n", -1);
            layout = new RemoteLayout(lines[0].strip(), blankToNull(lines[1]), blankToNull(lines[2]));
        }
        return layout;
    }

    /**
     * Puts the agent kit (the launcher with its heartbeat sidecar, the harness hook; paths under
     * {@code ~/.local/share/mosaic/}) on the host, unless that version is already there.
     *
     * @return true when something was written
     */
    public synchronized boolean provision(Map<String, byte[]> kit, String version) {
        RemoteLayout l = layout();
        if (version.equals(l.sidecarVersion())) {
            return false;
        }
        List<RemoteFiles.File> files = new ArrayList<>();
        kit.forEach((path, content) -> files.add(RemoteFiles.of(path, content, path.startsWith("bin/"))));
        files.add(new RemoteFiles.File("VERSION", version + "\n", false)); // last: a half install is re-done
        try {
            writeFiles(files);
        } catch (SshException e) {
            throw new SshException("host " + name() + ": cannot install the launcher under ~/.local/share/mosaic: "
                    + e.getMessage());
        }
        layout = l.withSidecar(version);
        return true;
    }

    /**
     * Writes text files under {@code ~/.local/share/mosaic/} on the host in one call (each moved into
     * place whole; mode 0600, 0755 for executables).
     *
     * @param files path relative to that directory, content, executable
     */
    public void writeFiles(List<RemoteFiles.File> files) {
        if (files.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of("sh", "-c", RemoteFiles.WRITE, "mosaic-write"));
        argv.addAll(RemoteFiles.writeArgs(files));
        CommandResult r = run(argv, RemoteFiles.writeInput(files), settings.callTimeout().multipliedBy(3));
        if (!r.ok()) {
            throw new SshException("host " + name() + ": cannot write " + files.stream().map(RemoteFiles.File::path)
                    .toList() + " under ~/.local/share/mosaic: " + r.stderr().strip());
        }
    }

    /**
     * Removes stopped agents' heartbeat and pending-request files from the host's run dir (one
     * call; agent names are roster names, passed as arguments, never as shell text).
     */
    public void removeAgentFiles(List<String> agents) {
        if (agents.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of("sh", "-c", RemoteFiles.REMOVE_AGENT_FILES, "mosaic-stop"));
        argv.addAll(agents);
        run(argv, null, settings.callTimeout());
    }

    /** Reads text files under the remote {@code $HOME} in one call; a missing file reads as {@code ""}. */
    public Map<String, String> readFiles(List<String> pathsUnderHome) {
        pathsUnderHome.forEach(RemoteFiles::requirePlain);
        List<String> argv = new ArrayList<>(List.of("sh", "-c", RemoteFiles.READ, "mosaic-read"));
        argv.addAll(pathsUnderHome);
        CommandResult r = run(argv, null, settings.callTimeout().multipliedBy(3));
        if (!r.ok()) {
            throw new SshException("host " + name() + ": cannot read " + pathsUnderHome + ": " + r.stderr().strip());
        }
        return RemoteFiles.parseRead(pathsUnderHome, r.stdout());
    }

    /** Opens the master when none runs; then reads the layout and sets up the service bridge. */
    private void ensureOpen() {
        synchronized (this) {
            if (opened && Files.exists(controlSocket)) {
                return;
            }
            long now = System.nanoTime();
            if (lastFailure != null && now - failedAt < RETRY_AFTER.toNanos()) {
                throw new SshException(lastFailure);
            }
            layout = null;
            if (!Files.exists(controlSocket)) {
                openMaster();
            }
            opened = true;
            lastFailure = null;
            try {
                ServiceBridge bridge = bridges.get();
                if (bridge != null) {
                    forward(bridge);
                }
            } catch (SshException e) {
                opened = false;
                throw e;
            }
        }
    }

    private void openMaster() {
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a leftover log only adds old lines to a message
        }
        List<String> a = base();
        a.addAll(List.of("-o", "ControlMaster=yes", "-o", "ControlPersist=" + settings.persist(), "-o",
                "ExitOnForwardFailure=yes", "-f", "-N", "-E", log.toString(), spec.ssh()));
        CommandResult r;
        try {
            r = runner.run(a, null, settings.connectTimeout().plusSeconds(3));
        } catch (MosaicException e) {
            throw remember(unreachable("no answer within " + settings.connectTimeout().toMillis() + " ms"));
        }
        if (!r.ok() || !Files.exists(controlSocket)) {
            String why = r.stderr();
            try {
                if (Files.exists(log)) {
                    why = Files.readString(log) + why;
                }
            } catch (IOException e) {
                // the exit status alone then
            }
            throw remember(failure(why.isBlank() ? "ssh exited with status " + r.exitCode() : why));
        }
    }

    /** Adds a reverse forward to the service endpoint and writes the remote service file. */
    private void forward(ServiceBridge bridge) {
        List<String> a = base();
        a.addAll(List.of("-O", "forward", "-R", "127.0.0.1:0:127.0.0.1:" + bridge.port(), spec.ssh()));
        CommandResult r = runner.run(a, null, settings.callTimeout());
        String port = r.stdout().strip();
        if (!r.ok() || !port.matches("\\d{1,5}")) {
            throw new SshException("host " + name() + ": cannot forward the service port for remote agents: "
                    + (r.stderr().isBlank() ? "ssh printed no port" : r.stderr().strip()));
        }
        String script = "set -e; umask 077; f=\"$HOME/.local/share/mosaic/home/$1\"; mkdir -p \"${f%/*}\";"
                + " cat > \"$f.tmp\"; mv -f \"$f.tmp\" \"$f\"";
        CommandResult w = run(List.of("sh", "-c", script, "mosaic-bridge", bridge.serviceFilePath()),
                bridge.serviceFile(name(), Integer.parseInt(port)), settings.callTimeout());
        if (!w.ok()) {
            throw new SshException("host " + name() + ": cannot write the service file for remote agents: "
                    + w.stderr().strip());
        }
    }

    private synchronized void dropped() {
        opened = false;
        layout = null;
        if (!isAlive()) {
            try {
                Files.deleteIfExists(controlSocket);
            } catch (IOException e) {
                // the next open replaces it
            }
        }
    }

    /** True when the master answers on its control socket. */
    public boolean isAlive() {
        if (!Files.exists(controlSocket)) {
            return false;
        }
        List<String> a = base();
        a.addAll(List.of("-O", "check", spec.ssh()));
        try {
            return runner.run(a, null, Duration.ofSeconds(2)).ok();
        } catch (MosaicException e) {
            return false;
        }
    }

    private SshException remember(SshException e) {
        lastFailure = e.getMessage();
        failedAt = System.nanoTime();
        return e;
    }

    private SshException unreachable(String why) {
        return SshErrors.unreachable(name(), why);
    }

    /** Turns ssh's own words into a message naming the host and what to do. */
    SshException failure(String stderr) {
        return SshErrors.failure(spec, settings.knownHosts(), stderr);
    }

    /** The options every ssh call of this host shares (roster options first: ssh keeps the first value). */
    private List<String> base() {
        List<String> a = new ArrayList<>();
        a.add("ssh");
        spec.sshOptions().forEach((k, v) -> {
            a.add("-o");
            a.add(k + "=" + v);
        });
        a.addAll(List.of("-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=accept-new",
                "-o", "UserKnownHostsFile=" + settings.knownHosts(), "-o", "UpdateHostKeys=no", "-o", "HashKnownHosts=no",
                "-o", "ConnectTimeout=" + Math.max(1, settings.connectTimeout().toSeconds()),
                "-o", "ServerAliveInterval=1", "-o", "ServerAliveCountMax=2",
                "-o", "ControlPath=" + controlSocket));
        if (spec.port() != null) {
            a.add("-p");
            a.add(spec.port().toString());
        }
        if (spec.user() != null) {
            a.add("-l");
            a.add(spec.user());
        }
        if (spec.identityFile() != null) {
            a.add("-o");
            a.add("IdentitiesOnly=yes");
            a.add("-i");
            a.add(settings.expandHome(spec.identityFile()));
        }
        return a;
    }

    /** Ends the master connection when this process owns it (the service); the CLI's persists. */
    @Override
    public void close() {
        // psLock before this, as askPs takes them
        synchronized (psLock) {
            if (ps != null) {
                ps.close();
                ps = null;
            }
        }
        synchronized (this) {
            if (settings.closeOnExit() && Files.exists(controlSocket)) {
                List<String> a = base();
                a.addAll(List.of("-O", "exit", spec.ssh()));
                try {
                    runner.run(a, null, Duration.ofSeconds(2));
                } catch (MosaicException e) {
                    // the master is gone already
                }
            }
            opened = false;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
