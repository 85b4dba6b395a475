package dev.mosaic.bench;

import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.fleet.harness.AgentHarness;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.FleetInfo;
import dev.mosaic.fleet.roster.OrchestratorSpec;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import dev.mosaic.fleet.runtime.RuntimeProfiles;
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
 * Speed of the harness paths, on a private tmux socket, with the shipped Claude Code profile (its
 * hooks, screen patterns and approval keys) driving a stand-in that draws Claude Code's permission
 * prompt and calls the real hook script — so the figures measure Mos, not a model:
 * hook firing → state in {@code ps --json} (target ≤ 1 s), prompt drawn → the relay can post
 * the request (its 100 ms poll included; target ≤ 2 s), {@code approve} → key pressed (≤ 500 ms).
 */
public final class HarnessBench {

    private static final String STANDIN = """
            hook="$MOSAIC_HOOK"
            echo '{"hook_event_name":"SessionStart","model":"stand-in"}' | "$hook" claude SessionStart
            while true; do
              printf '\\342\\235\\257\\302\\240\\n'
              IFS= read -r line || exit 0
              clear
              printf ' Bash command\\n\\n   touch /tmp/bench\\n\\n Do you want to proceed?\\n \\342\\235\\257 1. Yes\\n   4. No\\n\\n Esc to cancel\\n'
              echo '{"tool_name":"Bash","tool_input":{"command":"touch /tmp/bench"}}' | "$hook" claude PermissionRequest
              IFS= read -r key
              clear
              printf 'pressed\\n'
              echo '{}' | "$hook" claude Stop
            done
            """;

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("mosaic-harness-bench");
        String socket = "mosaic-bench-" + UUID.randomUUID().toString().substring(0, 8);
        ProcessCommandRunner runner = new ProcessCommandRunner();
        MosaicEnv env = new MosaicEnv(home, home.resolve("fleet/roster.yaml"), home.resolve("fleet/run"),
                Duration.ofSeconds(1), socket, "claude");
        RuntimeProfile shipped = RuntimeProfiles.shipped().base("claude");
        RuntimeProfile standIn = RuntimeProfiles.overlay(shipped, "claude", Map.of("command",
                List.of("bash", "--noprofile", "--norc", "-c", STANDIN, "stand-in"), "enterDelayMs", "0"));
        AgentSpec cc = new AgentSpec("cc", "coder", "claude", home.toString(), null, null, Map.of());
        AgentSpec mos = new AgentSpec("mos", AgentSpec.ORCHESTRATOR_ROLE, "shell", null, null, "cat", Map.of());
        Roster roster = new Roster(null, 1, new FleetInfo("bench", "coding", null), Map.of(),
                new OrchestratorSpec(mos, Map.of()), Map.of(), List.of(cc), Map.of());
        try (Fleet fleet = new Fleet(() -> roster, (r, n) -> n.equals("claude") ? standIn
                : new RuntimeProfile("shell", List.of("cat"), Map.of(), Duration.ZERO, List.of(), null, "cat"),
                env, Clock.systemUTC(), runner, Map.of(), home, true)) {
            fleet.start(List.of("cc"));
            waitFor(() -> "idle".equals(fleet.status("cc").heartbeat().activity()), 20_000);
            Path hook = AgentHarness.hook(env);
            int n = 15;
            double[] hookToPs = new double[n];
            double[] promptToRelay = new double[n];
            double[] approveToKey = new double[n];
            for (int i = 0; i < n; i++) {
                // hook firing → state in ps --json
                long t0 = System.nanoTime();
                ProcessBuilder pb = new ProcessBuilder(hook.toString(), "claude", i % 2 == 0 ? "UserPromptSubmit" : "Stop");
                pb.environment().put("MOSAIC_AGENT_NAME", "cc");
                pb.environment().put("MOSAIC_HEARTBEAT_RUN_DIR", env.runDir().toString());
                Process p = pb.start();
                p.getOutputStream().close();
                String want = i % 2 == 0 ? "\"working\"" : "\"idle\"";
                waitFor(() -> fleet.psJson().contains(want), 10_000);
                hookToPs[i] = ms(t0);
                p.waitFor();
            }
            for (int i = 0; i < n; i++) {
                // prompt drawn → what the relay posts is readable (waiting + the prompt on screen)
                long t0 = System.nanoTime();
                fleet.send("cc", "go " + i, false);
                waitFor(() -> fleet.heartbeats().read("cc").waiting() && fleet.pendingPrompt("cc").isPresent(), 10_000);
                promptToRelay[i] = ms(t0) + 100; // + the relay's poll interval, worst case
                // approve → key pressed (includes the 150 ms settle Claude Code needs)
                long t1 = System.nanoTime();
                fleet.answer("cc", true, null);
                approveToKey[i] = ms(t1);
                waitFor(() -> "idle".equals(fleet.heartbeats().read("cc").activity()), 10_000);
            }
            System.out.printf("harness benchmark (%d cores, %d rounds, median / max ms)%n",
                    Runtime.getRuntime().availableProcessors(), n);
            print("hook firing -> state in ps --json (target <= 1000)", hookToPs);
            print("prompt drawn -> approval request ready to post (target <= 2000)", promptToRelay);
            print("approve -> key pressed (target <= 500)", approveToKey);
        } finally {
            runner.run(List.of("tmux", "-L", socket, "kill-server"), null, Duration.ofSeconds(10));
        }
    }

    private static void print(String label, double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        System.out.printf("  %-70s %8.1f %8.1f%n", label, s[s.length / 2], s[s.length - 1]);
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static void waitFor(java.util.function.BooleanSupplier c, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeoutMs + " ms");
            }
            Thread.sleep(5);
        }
    }

    private HarnessBench() {
    }
}
