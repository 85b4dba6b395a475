package dev.mosaic.bench;

import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.fleet.ps.AgentState;
import dev.mosaic.fleet.ps.FleetSnapshot;
import dev.mosaic.fleet.ps.StartReport;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.RosterStore;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import dev.mosaic.fleet.ssh.SshHosts;
import dev.mosaic.fleet.ssh.SshSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Speed of a fleet on two machines: 50 local agents and 50 on host "dragon", a real sshd on
 * loopback (throwaway keys, its own HOME and TMUX_TMPDIR): in-process ps with the connection warm,
 * ps with dragon down, and cold CLI ps over both hosts. Prints figures; asserts nothing.
 */
public final class HostsBench {

    private static final int PER_HOST = 50;
    private final ProcessCommandRunner runner = new ProcessCommandRunner();
    private final Path dir;
    private final String localSocket = "mosaic-bench-local-" + UUID.randomUUID().toString().substring(0, 6);
    private final String remoteSocket = "mosaic-bench-remote-" + UUID.randomUUID().toString().substring(0, 6);
    private Process sshd;
    private int port;

    private HostsBench(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        HostsBench b = new HostsBench(Files.createTempDirectory("mosaic-hosts-bench"));
        try {
            b.run();
        } finally {
            b.cleanup();
        }
    }

    private void run() throws Exception {
        setUpSshd();
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("fleet"));
        StringBuilder yaml = new StringBuilder("version: 1\nfleet: { name: bench, type: coding }\nhosts:\n"
                + "  dragon: { ssh: \"" + System.getProperty("user.name") + "@127.0.0.1\", port: " + port
                + ", identityFile: \"" + dir.resolve("client_key") + "\", tmuxSocket: " + remoteSocket + " }\n"
                + "orchestrator: { name: mos, runtime: cat }\nruntimes:\n  cat: { command: cat }\nagents:\n");
        for (int i = 1; i < PER_HOST; i++) {
            yaml.append("  - { name: local-").append(i).append(", runtime: cat }\n");
        }
        for (int i = 1; i <= PER_HOST; i++) {
            yaml.append("  - { name: remote-").append(i).append(", runtime: cat, host: dragon }\n");
        }
        Files.writeString(home.resolve("fleet/roster.yaml"), yaml);
        MosaicEnv env = new MosaicEnv(home, home.resolve("fleet/roster.yaml"), home.resolve("fleet/run"),
                Duration.ofSeconds(15), localSocket, "cat");
        Roster roster = new RosterStore(env.roster()).load();
        try (SshHosts serviceSsh = new SshHosts(SshSettings.service(home, dir), runner);
             Fleet fleet = new Fleet(() -> roster, HostsBench::cat, env, Clock.systemUTC(), runner, Map.of(),
                dir, true, serviceSsh);
             Fleet oneShot = new Fleet(() -> roster, HostsBench::cat, env, Clock.systemUTC(), runner, Map.of(),
                dir, true)) {
            long t0 = System.nanoTime();
            StartReport r = fleet.start(List.of());
            if (r.started().size() != 2 * PER_HOST) {
                throw new MosaicException("expected " + 2 * PER_HOST + " started; failed: " + r.failed());
            }
            System.out.printf("hosts benchmark: %d local + %d remote agents (sshd on loopback), %d cores%n", PER_HOST,
                    PER_HOST, Runtime.getRuntime().availableProcessors());
            System.out.printf("start 100 agents on 2 hosts (incl. provisioning):  %8.0f ms%n", ms(t0));
            double warm = medianPs(fleet, 30, AgentState.RUNNING);
            System.out.printf("ps in-process, local + remote warm:  %8.1f ms median of 30, service (ps session"
                    + " kept open)   (target <= 50 ms)%n", warm);
            double perCall = medianPs(oneShot, 30, AgentState.RUNNING);
            System.out.printf("ps in-process, local + remote warm:  %8.1f ms median of 30, one ssh call per ps"
                    + " over the master (as the CLI)%n", perCall);
            // where a cold CLI ps goes: JVM + CLI start alone, one ssh call over the warm master, the whole run
            System.out.printf("cold CLI start alone (fleet --help):  %8.0f ms median of 5 (plain java -cp)%n",
                    coldCli(home, List.of(), List.of("fleet", "--help")));
            System.out.printf("one ssh call over the warm master:    %8.0f ms median of 5 (ssh ... true)%n",
                    sshCall(home));
            double cold = coldCli(home, List.of(), List.of("fleet", "ps", "--json"));
            // (the mosaic launcher adds a class-data archive, which needs jars: this class path has directories)
            System.out.printf("ps cold CLI run over both hosts:      %8.0f ms median of 5 (plain java -cp, ssh master"
                    + " warm)%n", cold);
            String launcher = System.getProperty("mosaic.launcher");
            if (launcher != null && Files.isExecutable(Path.of(launcher))) {
                // as a user runs it: the launcher's JVM flags and class-data archive (made by a first run)
                coldLauncher(Path.of(launcher), home, 1, false);
                System.out.printf("ps cold CLI run over both hosts:      %8.0f ms median of 5 (./mosaic launcher,"
                        + " ssh master warm)   (target <= 1500 ms)%n", coldLauncher(Path.of(launcher), home, 5, false));
                System.out.printf("ps cold CLI run over both hosts:      %8.0f ms median of 5 (./mosaic launcher,"
                        + " ssh master closed first: TCP + key exchange too)%n",
                        coldLauncher(Path.of(launcher), home, 5, true));
            }

            stopSshd();
            double down = medianPs(fleet, 5, AgentState.UNKNOWN);
            System.out.printf("ps in-process, remote host down:     %8.1f ms median of 5 (connection refused)"
                    + "   (target <= 2500 ms)%n", down);
        }
        silentHost(home, env, yaml.toString());
    }

    /** A host whose address answers nothing (TEST-NET-1): ps is bounded by the connect timeout. */
    private void silentHost(Path home, MosaicEnv env, String yaml) throws Exception {
        Path file = home.resolve("fleet/roster-silent.yaml");
        Files.writeString(file, yaml.replace("@127.0.0.1\", port: " + port, "@192.0.2.1\", port: 22"));
        Roster roster = new RosterStore(file).load();
        try (Fleet fleet = new Fleet(() -> roster, HostsBench::cat, env, Clock.systemUTC(), runner, Map.of(), dir,
                true)) {
            double[] t = new double[3];
            String detail = null;
            for (int i = 0; i < t.length; i++) {
                long t0 = System.nanoTime();
                FleetSnapshot s = fleet.ps();
                t[i] = ms(t0);
                detail = s.agent("remote-1").orElseThrow().detail();
                Thread.sleep(1000); // past the 0.8 s in which a failed connect is not dialled again
            }
            System.out.printf("ps in-process, silent host (192.0.2.1): %5.0f ms median of 3: %s   (target <= 2500 ms)%n",
                    median(t), detail);
        }
    }

    private static RuntimeProfile cat(Roster r, String name) {
        return new RuntimeProfile(name, List.of("cat"), Map.of(), Duration.ZERO, List.of(), null, "cat");
    }

    private static double medianPs(Fleet fleet, int n, AgentState remoteState) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            FleetSnapshot s = fleet.ps();
            t[i] = ms(t0);
            if (s.agent("remote-1").orElseThrow().state() != remoteState
                    || s.agent("local-1").orElseThrow().state() != AgentState.RUNNING) {
                throw new MosaicException("unexpected states: " + s.agent("remote-1") + " " + s.agent("local-1"));
            }
        }
        return median(t);
    }

    /** Median of {@code n} runs of {@code mosaic fleet ps --json} through the launcher script. */
    private double coldLauncher(Path launcher, Path home, int n, boolean closeMaster) throws Exception {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            if (closeMaster) {
                closeMasters(home);
            }
            ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "fleet", "ps", "--json").redirectErrorStream(true);
            pb.environment().put("MOSAIC_HOME", home.toString());
            pb.environment().put("MOSAIC_TMUX_SOCKET", localSocket);
            pb.environment().put("MOSAIC_SKIP_BUILD", "1"); // the reactor build just made the jar
            long t0 = System.nanoTime();
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            int code = p.waitFor();
            t[i] = ms(t0);
            if (code != 0 || !out.contains("remote-50")) {
                throw new MosaicException("cold launcher ps failed (exit " + code + "): " + out.substring(0,
                        Math.min(400, out.length())));
            }
        }
        return median(t);
    }

    /** Ends the CLI's persistent ssh connections (as ControlPersist does after 10 idle minutes). */
    private void closeMasters(Path home) throws Exception {
        try (var sockets = Files.list(home.resolve("ssh/cm"))) {
            for (Path socket : sockets.toList()) {
                new ProcessBuilder("ssh", "-o", "ControlPath=" + socket, "-O", "exit", "dragon")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            }
        }
    }

    /** Median of 5 CLI runs in a fresh JVM (as the mosaic launcher starts it, plus {@code jvm} options). */
    private double coldCli(Path home, List<String> jvm, List<String> args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        double[] t = new double[5];
        for (int i = 0; i < t.length; i++) {
            List<String> argv = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
            argv.addAll(jvm);
            argv.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.mosaic.mos.Main"));
            argv.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
            pb.environment().put("MOSAIC_HOME", home.toString());
            pb.environment().put("MOSAIC_TMUX_SOCKET", localSocket);
            long t0 = System.nanoTime();
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            int code = p.waitFor();
            t[i] = ms(t0);
            if (code != 0 || out.contains("\"unknown\",") && out.contains("unreachable")) {
                throw new MosaicException("cold CLI ps failed (exit " + code + "): " + out.substring(0,
                        Math.min(400, out.length())));
            }
        }
        return median(t);
    }

    /** Median of 5 {@code ssh … true} over the CLI's master (what one remote call costs at least). */
    private double sshCall(Path home) {
        List<String> argv = List.of("ssh", "-o", "BatchMode=yes", "-o", "ControlMaster=no", "-o",
                "ControlPath=" + home.resolve("ssh/cm/cli-dragon"), "-p", Integer.toString(port),
                System.getProperty("user.name") + "@127.0.0.1", "true");
        double[] t = new double[5];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            if (!runner.run(argv, null, Duration.ofSeconds(10)).ok()) {
                throw new MosaicException("ssh over the master failed");
            }
            t[i] = ms(t0);
        }
        return median(t);
    }

    private void setUpSshd() throws Exception {
        Path sshdBin = Path.of("/usr/sbin/sshd");
        if (!Files.isExecutable(sshdBin)) {
            throw new MosaicException("/usr/sbin/sshd is missing: apt-get install openssh-server");
        }
        keygen(dir.resolve("host_key"));
        keygen(dir.resolve("client_key"));
        Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
        Path remoteHome = Files.createDirectories(dir.resolve("remote-home"));
        Path remoteTmux = Files.createDirectories(dir.resolve("remote-tmux"));
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("sshd_config"), String.join("\n", "Port " + port, "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_key"), "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "UsePAM no", "StrictModes no",
                "PasswordAuthentication no", "MaxSessions 100", "MaxStartups 100",
                "SetEnv HOME=" + remoteHome + " TMUX_TMPDIR=" + remoteTmux, ""));
        Files.createDirectories(Path.of("/run/sshd"));
        sshd = new ProcessBuilder(sshdBin.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        for (int i = 0; i < 200 && !accepting(); i++) {
            Thread.sleep(50);
        }
    }

    private boolean accepting() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void stopSshd() throws InterruptedException {
        if (sshd != null) {
            List<ProcessHandle> all = new ArrayList<>(sshd.descendants().toList());
            sshd.destroyForcibly();
            all.forEach(ProcessHandle::destroyForcibly);
            sshd.waitFor();
            sshd = null;
        }
    }

    private static void keygen(Path key) throws Exception {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new MosaicException("ssh-keygen failed");
        }
    }

    private static double median(double[] t) {
        double[] c = t.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private void cleanup() throws InterruptedException {
        stopSshd();
        runner.run(List.of("tmux", "-L", localSocket, "kill-server"), null, Duration.ofSeconds(10));
        ProcessBuilder pb = new ProcessBuilder("tmux", "-L", remoteSocket, "kill-server");
        pb.environment().put("TMUX_TMPDIR", dir.resolve("remote-tmux").toString());
        try {
            pb.start().waitFor();
        } catch (IOException e) {
            // nothing to clean
        }
    }
}
