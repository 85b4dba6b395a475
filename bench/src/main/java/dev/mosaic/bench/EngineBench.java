package dev.mosaic.bench;

import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.fleet.ps.AgentState;
import dev.mosaic.fleet.ps.StartReport;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.FleetInfo;
import dev.mosaic.fleet.roster.OrchestratorSpec;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import java.io.IOException;
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
 * Speed figures of the tmux engine, measured in one run on private throwaway tmux sockets:
 * ps at 5 and 200 agents (in-process and a cold CLI run), 1,000 sends over 100 agents over the
 * control-mode connection and with one process per call, and starting 50 agents. Prints figures
 * and ratios; asserts nothing (speed targets are documented in docs/benchmarks.md).
 */
public final class EngineBench {

    private final ProcessCommandRunner runner = new ProcessCommandRunner();
    private final TmuxServers servers = new TmuxServers(runner);
    private final Path home;

    private EngineBench(Path home) {
        this.home = home;
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("mosaic-bench");
        EngineBench b = new EngineBench(home);
        try {
            b.run();
        } finally {
            b.cleanup();
        }
    }

    private void run() throws Exception {
        System.out.printf("tmux engine benchmark (%s, %d cores)%n", runner.run(List.of("tmux", "-V"), null,
                Duration.ofSeconds(5)).stdout().strip(), Runtime.getRuntime().availableProcessors());

        // start 50
        Setup s50 = setup("start50", 50);
        long t0 = System.nanoTime();
        StartReport r50 = s50.process.start(List.of());
        double start50 = ms(t0);
        check(r50, 50);
        System.out.printf("start 50 agents:                     %8.0f ms wall   (target <= 3000 ms)%n", start50);

        Setup s5 = setup("ps5", 5);
        check(s5.process.start(List.of()), 5);
        Setup s200 = setup("ps200", 200);
        t0 = System.nanoTime();
        check(s200.process.start(List.of()), 200);
        System.out.printf("start 200 agents:                    %8.0f ms wall%n", ms(t0));

        for (boolean control : new boolean[] {true, false}) {
            String mode = control ? "control mode" : "process/call";
            double p5 = medianPs(control ? s5.control : s5.process);
            double p200 = medianPs(control ? s200.control : s200.process);
            System.out.printf("ps --json in-process, %-13s  5 agents %6.2f ms | 200 agents %6.2f ms | ratio %.2f"
                    + "   (target 200: <= 20 ms, ratio <= 1.5)%n", mode + ":", p5, p200, p200 / p5);
        }
        double cold = coldCli(s200, null);
        System.out.printf("ps --json cold CLI run, 200 agents:  %8.0f ms median of 5, plain java -cp%n", cold);
        Path launcher = launcher();
        if (launcher != null) {
            double viaLauncher = coldCli(s200, launcher);
            System.out.printf("ps --json cold CLI run, 200 agents:  %8.0f ms median of 5, ./mosaic launcher with its"
                    + " class-data archive   (target <= 1000 ms)%n", viaLauncher);
        }

        List<String> hundred = s200.names.subList(0, 100);
        double controlRate = sends(s200.control, hundred, 1000, false);
        double processRate = sends(s200.process, hundred, 1000, false);
        System.out.printf("1000 sends over 100 agents, Enter delay 0:  control mode %7.0f sends/s | process/call %6.0f"
                + " sends/s | ratio %.1fx   (target >= 1000/s)%n", controlRate, processRate, controlRate / processRate);
        double verified = sends(s200.control, hundred, 200, true);
        System.out.printf("verified sends (capture until seen), control mode:  %6.0f sends/s%n", verified);
    }

    private record Setup(String socket, MosaicEnv env, Fleet control, Fleet process, List<String> names) {
    }

    private Setup setup(String label, int n) throws IOException {
        String socket = "mosaic-bench-" + label + "-" + UUID.randomUUID().toString().substring(0, 6);
        servers.add(socket);
        Path h = home.resolve(label);
        MosaicEnv env = new MosaicEnv(h, h.resolve("fleet/roster.yaml"), h.resolve("fleet/run"),
                Duration.ofSeconds(15), socket, "cat");
        List<AgentSpec> agents = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            agents.add(new AgentSpec("agent-" + i, "coder", "cat", null, null, null, Map.of()));
            names.add("agent-" + i);
        }
        AgentSpec orch = new AgentSpec("mos", AgentSpec.ORCHESTRATOR_ROLE, "cat", null, null, null, Map.of());
        names.add(0, "mos");
        Roster roster = new Roster(null, 1, new FleetInfo("bench", "coding", null), Map.of(),
                new OrchestratorSpec(orch, Map.of()), Map.of(), agents, Map.of());
        Files.createDirectories(h.resolve("fleet"));
        StringBuilder yaml = new StringBuilder("version: 1\nfleet: { name: bench, type: coding }\n"
                + "orchestrator: { name: mos, runtime: cat }\nruntimes:\n  cat: { command: cat }\nagents:\n");
        agents.forEach(a -> yaml.append("  - { name: ").append(a.name()).append(", runtime: cat }\n"));
        Files.writeString(env.roster(), yaml);
        Fleet control = new Fleet(() -> roster, EngineBench::cat, env, Clock.systemUTC(), runner, Map.of(), h, true);
        Fleet process = new Fleet(() -> roster, EngineBench::cat, env, Clock.systemUTC(), runner, Map.of(), h, false);
        return new Setup(socket, env, control, process, names);
    }

    private static RuntimeProfile cat(Roster r, String name) {
        return new RuntimeProfile(name, List.of("cat"), Map.of(), Duration.ZERO, List.of(), null, "cat");
    }

    private static void check(StartReport r, int n) {
        if (r.started().size() != n) {
            throw new MosaicException("expected " + n + " started, got " + r.started().size() + "; failed: " + r.failed());
        }
    }

    private static double medianPs(Fleet fleet) {
        for (int i = 0; i < 10; i++) {
            fleet.psJson();
        }
        double[] t = new double[50];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            String json = fleet.psJson();
            t[i] = ms(t0);
            if (json.contains("\"stopped\"")) {
                throw new MosaicException("an agent is not running during the ps benchmark");
            }
        }
        return median(t);
    }

    /** The repo's {@code mosaic} launcher when the bench runs from a checkout with a packaged CLI, else null. */
    private static Path launcher() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path l = d.resolve("mosaic");
            if (java.nio.file.Files.isExecutable(l) && java.nio.file.Files.isDirectory(d.resolve("orchestrator/target/lib"))) {
                return l;
            }
        }
        return null;
    }

    /** Median of 5 cold {@code fleet ps --json} runs, through {@code launcher} when given (after one untimed run that builds its class-data archive). */
    private double coldCli(Setup s, Path launcher) throws Exception {
        String cp = System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = launcher != null ? List.of(launcher.toString(), "fleet", "ps", "--json")
                : List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", cp,
                        "dev.mosaic.mos.Main", "fleet", "ps", "--json");
        double[] t = new double[5];
        for (int i = launcher != null ? -1 : 0; i < t.length; i++) {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
            pb.environment().put("MOSAIC_HOME", s.env.home().toString());
            pb.environment().put("MOSAIC_TMUX_SOCKET", s.socket);
            pb.environment().put("MOSAIC_SKIP_BUILD", "1");
            long t0 = System.nanoTime();
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            int code = p.waitFor();
            if (i >= 0) {
                t[i] = ms(t0);
            }
            if (code != 0 || !out.contains("mosaic.fleet.ps/v1") || out.contains("\"stopped\"")) {
                throw new MosaicException("cold CLI ps failed (exit " + code + "): " + out.substring(0,
                        Math.min(400, out.length())));
            }
        }
        return median(t);
    }

    private static double sends(Fleet fleet, List<String> agents, int count, boolean verify) {
        for (int i = 0; i < 20; i++) {
            fleet.send(agents.get(i % agents.size()), "warm-up " + i, false);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            var r = fleet.send(agents.get(i % agents.size()), "message " + i + " with a; $(no) C-c", verify);
            if (!r.delivered()) {
                throw new MosaicException("send " + i + " was not delivered");
            }
        }
        return count / (ms(t0) / 1000.0);
    }

    private static double median(double[] t) {
        double[] c = t.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private void cleanup() {
        servers.stopAll();
    }
}
