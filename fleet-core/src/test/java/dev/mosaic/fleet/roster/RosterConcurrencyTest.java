package dev.mosaic.fleet.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterConcurrencyTest {

    static final String BASE = """
            version: 1
            fleet: { name: mosaic, type: coding }
            orchestrator: { name: mos, runtime: claude }
            agents:
              - { name: seed, role: coder, runtime: pi }
            """;

    @TempDir
    Path dir;

    private Process child(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                RosterWriterProcess.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    @Test
    void twoProcessesWith25ThreadsEachLoseNoUpdate() throws Exception {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, BASE);
        Process a = child("add", file.toString(), "a", "25");
        Process b = child("add", file.toString(), "b", "25");
        for (Process p : List.of(a, b)) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
        }
        Roster r = new RosterStore(file).load();
        assertThat(r.agents()).hasSize(51);
        for (int i = 0; i < 25; i++) {
            assertThat(r.agent("a-" + i)).isPresent();
            assertThat(r.agent("b-" + i)).isPresent();
        }
    }

    @Test
    void aWriterKilledMidWriteLeavesAValidRoster() throws Exception {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, BASE);
        for (int round = 0; round < 3; round++) {
            Process p = child("loop", file.toString());
            AtomicLong writes = new AtomicLong();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith("wrote ")) {
                            writes.incrementAndGet();
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the child was killed
                }
            });
            reader.start();
            long target = 20L + round * 13;
            await().atMost(Duration.ofSeconds(60)).until(() -> writes.get() >= target || !p.isAlive());
            assertThat(p.isAlive()).as("writer still running").isTrue();
            p.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            reader.join(5000);
            Roster r = new RosterStore(file).load();
            assertThat(r.agent("seed")).isPresent();
            assertThat(r.agents().size()).isBetween(1, 8);
        }
    }
}
