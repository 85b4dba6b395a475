package dev.mosaic.fleet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appends from many threads share fsyncs (group commit) and still make one intact chain, each
 * append returning only once its record is in the log; an instance that appended before still
 * repairs what someone else left behind.
 */
class AuditLogGroupCommitTest {

    @TempDir
    Path dir;

    @Test
    void concurrentAppendsMakeOneIntactChainWithEveryRecordOnceAndOnDiskWhenTheyReturn() throws Exception {
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        String target = "t" + thread + "-" + i;
                        log.append(new AuditRecord(Instant.now(), "cli:t" + thread, "chat.ps", target, "ok", Map.of()));
                        // on disk when append returns: another reader of the file sees it
                        assertThat(Files.readString(log.file())).contains("\"target\":\"" + target + "\"");
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        AuditLog reader = new AuditLog(log.file());
        assertThat(reader.verify()).isEmpty();
        List<AuditLog.AuditEntry> all = reader.read();
        assertThat(all).hasSize(400);
        assertThat(all).extracting(AuditLog.AuditEntry::seq).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 400).boxed().toList());
        assertThat(all).extracting(e -> e.record().target()).doesNotHaveDuplicates();
        assertThat(reader.head().seq()).isEqualTo(400);
    }

    @Test
    void recordsQueuedWithAppendSoonAreWrittenInOrderWithTheOthersAndSeenByEveryReader() throws Exception {
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"));
        log.appendSoon(new AuditRecord(Instant.now(), "discord:1", "chat.ps", "", "ok", Map.of()));
        log.appendSoon(new AuditRecord(Instant.now(), "discord:1", "chat.whoami", "", "ok", Map.of()));
        log.append(new AuditRecord(Instant.now(), "discord:1", "agent.stop", "coder-1", "ok", Map.of()));
        log.appendSoon(new AuditRecord(Instant.now(), "discord:1", "chat.status", "coder-1", "ok", Map.of()));

        // the committer writes it by itself, without a reader asking
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(Files.readString(log.file())).contains("chat.status"));
        assertThat(log.read()).extracting(e -> e.record().action())
                .containsExactly("chat.ps", "chat.whoami", "agent.stop", "chat.status");
        assertThat(new AuditLog(log.file()).verify()).isEmpty();

        log.appendSoon(new AuditRecord(Instant.now(), "discord:1", "chat.help", "", "ok", Map.of()));
        assertThat(log.read()).as("a reader in this process writes what is queued first").hasSize(5);
        assertThat(log.head().seq()).isEqualTo(5);
    }

    @Test
    void aTornLineLeftBySomeoneElseIsRepairedByAnInstanceThatAppendedBefore() throws Exception {
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"));
        log.append(new AuditRecord(Instant.now(), "cli:alice", "agent.start", "coder-1", "ok", Map.of()));
        // another process crashed half-way through its append
        Files.writeString(log.file(), "{\"seq\":2,\"ti", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        log.append(new AuditRecord(Instant.now(), "cli:alice", "agent.stop", "coder-1", "ok", Map.of()));

        assertThat(log.notes()).singleElement().asString().contains("torn last record");
        assertThat(new AuditLog(log.file()).verify()).isEmpty();
        assertThat(log.read()).extracting(e -> e.record().action()).containsExactly("agent.start", "agent.stop");
    }
}
