package dev.mosaic.fleet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    private AuditLog logWith(int n) {
        AuditLog log = new AuditLog(dir.resolve("audit").resolve("audit.jsonl"));
        for (int i = 0; i < n; i++) {
            log.append(new AuditRecord(Instant.parse("2026-11-26T18:00:00Z").plusSeconds(i), "cli:alice",
                    "agent.start", "coder-" + i, "ok", Map.of("durationMs", i)));
        }
        return log;
    }

    @Test
    void intactChainVerifiesAndReadsBack() {
        AuditLog log = logWith(5);
        assertThat(log.verify()).isEmpty();
        assertThat(log.read()).extracting(e -> e.record().target())
                .containsExactly("coder-0", "coder-1", "coder-2", "coder-3", "coder-4");
    }

    @Test
    void editedLineIsDetectedAndNamed() throws Exception {
        AuditLog log = logWith(5);
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file()));
        lines.set(2, lines.get(2).replace("\"ok\"", "\"refused\""));
        Files.write(log.file(), lines);
        assertThat(log.verify()).anySatisfy(p -> assertThat(p).startsWith("line 4:"));
    }

    @Test
    void deletedLineAndCutTailAreDetected() throws Exception {
        AuditLog log = logWith(5);
        List<String> lines = new ArrayList<>(Files.readAllLines(log.file()));
        lines.remove(1);
        Files.write(log.file(), lines);
        // the record with seq 2 is gone: the line now second (seq 3) names the hole, nothing else is blamed
        assertThat(log.verify()).containsExactly(
                "line 2: prev hash does not match the line before it (a record was edited, inserted or deleted)",
                "line 2: seq 3 where 2 was expected (a record was deleted or inserted)");

        AuditLog other = new AuditLog(dir.resolve("b").resolve("audit.jsonl"));
        other.append(new AuditRecord(Instant.now(), "a", "x", "t", "ok", null));
        other.append(new AuditRecord(Instant.now(), "a", "x", "t", "ok", null));
        List<String> l2 = Files.readAllLines(other.file());
        Files.write(other.file(), l2.subList(0, 1));
        assertThat(other.verify()).anySatisfy(p -> assertThat(p).contains("cut off the end"));
    }

    @Test
    void twoInstancesInOneJvmAppendConcurrentlyWithoutLosingOrBreakingTheChain() throws Exception {
        // the service audits chat verbs through fresh instances while its own instance writes too
        Path file = dir.resolve("audit.jsonl");
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            AuditLog log = new AuditLog(file);
            String actor = "thread-" + t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    try {
                        log.append(new AuditRecord(Instant.now(), actor, "test.append", "x", "ok", Map.of()));
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(failures).isEmpty();
        AuditLog log = new AuditLog(file);
        assertThat(log.read()).hasSize(100);
        assertThat(log.verify()).isEmpty();
    }
}
