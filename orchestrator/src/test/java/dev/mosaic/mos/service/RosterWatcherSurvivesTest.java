package dev.mosaic.mos.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.RosterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 row 1: one roster save that throws an Error never stops the watcher. */
class RosterWatcherSurvivesTest {

    private static final String ROSTER = """
            version: 1
            fleet: { name: mosaic, type: demo }
            orchestrator: { name: mos, runtime: demo-orchestrator }
            principals:
              owner: { role: admin, console: ann }
              ops: { role: operator, console: bob }
            """;

    @TempDir
    Path dir;

    @Test
    void anErrorWhileReadingOneSaveIsReportedAndTheNextSaveIsApplied() throws Exception {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, ROSTER);
        RosterStore store = new RosterStore(file);
        AtomicBoolean explode = new AtomicBoolean(true);
        List<Roster> applied = new CopyOnWriteArrayList<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        try (RosterWatcher w = new RosterWatcher(file, () -> {
            if (explode.getAndSet(false)) {
                throw new StackOverflowError("deep alias");
            }
            return store.load();
        }, applied::add, problems::add, Duration.ofMillis(50))) {
            w.start();
            Files.writeString(file, ROSTER + "# first save\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> !problems.isEmpty());
            assertThat(problems.get(0)).contains("cannot be read", "StackOverflowError");

            // the owner removes bob; the watcher is still alive and applies it
            Files.writeString(file, ROSTER.replace("  ops: { role: operator, console: bob }\n", ""));
            await().atMost(Duration.ofSeconds(2)).until(() -> !applied.isEmpty());
            assertThat(applied.get(applied.size() - 1).principals()).containsOnlyKeys("owner");
        }
    }
}
