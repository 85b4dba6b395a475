package dev.mosaic.mos.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server on a free loopback port playing a second machine: a throwaway host key
 * and client key (ssh-keygen), its own config (no PAM, keys only, pid file and authorized keys in
 * the temp dir), run as the current user with {@code -D -e}. Sessions get their own {@code HOME}
 * and {@code TMUX_TMPDIR} through {@code SetEnv}, so the "remote" side shares neither files nor
 * tmux servers with the local side or the real home directory.
 */
public final class TestSshd implements AutoCloseable {

    public static final Path SSHD = Path.of("/usr/sbin/sshd");

    public final Path dir;
    /** The remote side's $HOME. */
    public final Path remoteHome;
    /** The remote side's TMUX_TMPDIR. */
    public final Path remoteTmux;
    /** The private key the local side logs in with. */
    public final Path clientKey;
    public final int port;
    public final String user = System.getProperty("user.name");
    /** The tmux socket name agents use on the remote side. */
    public final String socket = "mosaic-remote-" + UUID.randomUUID().toString().substring(0, 8);
    private Process sshd;

    public TestSshd(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.remoteHome = Files.createDirectories(dir.resolve("remote-home"));
        this.remoteTmux = Files.createDirectories(dir.resolve("remote-tmux"));
        this.clientKey = dir.resolve("client_key");
        keygen(dir.resolve("host_key"));
        keygen(clientKey);
        Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "UsePAM no",
                "StrictModes no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "AllowTcpForwarding yes",
                "MaxSessions 100",
                "MaxStartups 100",
                "SetEnv HOME=" + remoteHome + " TMUX_TMPDIR=" + remoteTmux,
                ""));
    }

    /** True when this machine can run the test sshd (Debian openssh-server installed). */
    public static boolean available() {
        return Files.isExecutable(SSHD);
    }

    /** Starts (or restarts) the server on the same port and waits until it accepts connections. */
    public synchronized void start() throws IOException {
        // sshd insists on its privilege separation directory
        Files.createDirectories(Path.of("/run/sshd"));
        sshd = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50)).until(this::accepting);
    }

    /** Stops the server and every session it serves (the connections drop, as when a machine goes away). */
    public synchronized void stop() {
        if (sshd == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(sshd.descendants().toList());
        sshd.destroyForcibly();
        all.forEach(ProcessHandle::destroyForcibly);
        try {
            sshd.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sshd = null;
        await().atMost(5, TimeUnit.SECONDS).until(() -> !accepting());
    }

    private boolean accepting() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The roster's host entry for this server (indented for a {@code hosts:} map). */
    public String hostYaml(String name) {
        return "  " + name + ": { ssh: \"" + user + "@127.0.0.1\", port: " + port + ", identityFile: \"" + clientKey
                + "\", tmuxSocket: " + socket + " }\n";
    }

    /** Runs tmux on the remote side's server, as a person logged in there would. */
    public String remoteTmux(String... args) {
        List<String> argv = new ArrayList<>(List.of("tmux", "-L", socket));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("TMUX_TMPDIR", remoteTmux.toString());
        pb.environment().remove("TMUX");
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new AssertionError("tmux failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Stops the server and the remote side's tmux server. */
    @Override
    public void close() {
        stop();
        remoteTmux("kill-server");
    }

    private static void keygen(Path key) throws IOException {
        try {
            Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "mosaic-test", "-f",
                    key.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("ssh-keygen failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
