package dev.mosaic.fleet.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 row 8: owner-only, crash-tolerant, and checkable against a head published elsewhere. */
class AuditLogRecoveryTest {

    @TempDir
    Path dir;

    private Path logFile() {
        return dir.resolve("audit").resolve("audit.jsonl");
    }

    private AuditLog logWith(int n, String actor) {
        AuditLog log = new AuditLog(logFile());
        for (int i = 0; i < n; i++) {
            log.append(new AuditRecord(Instant.parse("2026-12-07T10:00:00Z").plusSeconds(i), actor, "agent.start",
                    "coder-" + i, "ok", Map.of()));
        }
        return log;
    }

    @Test
    void theLogAndItsHeadAreOwnerOnly() throws Exception {
        AuditLog log = logWith(2, "cli:alice");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                log.file().resolveSibling("audit.jsonl.head")))).isEqualTo("rw-------");
    }

    @Test
    void anOlderWorldReadableLogIsNarrowedOnTheNextAppend() throws Exception {
        AuditLog log = logWith(1, "cli:alice");
        Files.setPosixFilePermissions(log.file(), PosixFilePermissions.fromString("rw-r--r--"));
        log.append(new AuditRecord(Instant.now(), "cli:alice", "x", "t", "ok", Map.of()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log.file()))).isEqualTo("rw-------");
    }

    @Test
    void aTornLastLineIsSetAsideAndTheLogStaysReadableAndIntact() throws Exception {
        logWith(3, "cli:alice");
        Files.writeString(logFile(), "{\"seq\":4,\"time\":\"2026-12", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        AuditLog reopened = new AuditLog(logFile());
        assertThat(reopened.read()).hasSize(3);
        assertThat(reopened.verify()).isEmpty();
        assertThat(reopened.notes()).singleElement().asString().contains("torn last record", "audit.jsonl.torn");
        assertThat(Files.readString(logFile().resolveSibling("audit.jsonl.torn"))).isEqualTo("{\"seq\":4,\"time\":\"2026-12");

        reopened.append(new AuditRecord(Instant.now(), "cli:bob", "agent.stop", "coder-1", "ok", Map.of()));
        assertThat(reopened.read()).extracting(AuditLog.AuditEntry::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(reopened.verify()).isEmpty();
    }

    @Test
    void aRecordWrittenWithoutItsHeadUpdateIsNotReportedAsTamperingForever() throws Exception {
        logWith(3, "cli:alice");
        Path head = logFile().resolveSibling("audit.jsonl.head");
        String headBefore = Files.readString(head);
        new AuditLog(logFile()).append(new AuditRecord(Instant.now(), "cli:alice", "x", "t", "ok", Map.of()));
        Files.writeString(head, headBefore); // the crash came between the record and its head

        AuditLog reopened = new AuditLog(logFile());
        assertThat(reopened.verify()).isEmpty();
        assertThat(reopened.head().seq()).isEqualTo(4);
        assertThat(reopened.notes()).singleElement().asString().contains("behind the log");
    }

    @Test
    void aCutTailIsStillReportedAfterRecovery() throws Exception {
        logWith(3, "cli:alice");
        var lines = Files.readAllLines(logFile());
        Files.write(logFile(), lines.subList(0, 2));
        assertThat(new AuditLog(logFile()).verify()).anySatisfy(p -> assertThat(p).contains("cut off the end"));
    }

    @Test
    void aWholeChainRewrittenWithItsHeadIsCaughtByThePublishedHead() throws Exception {
        AuditHead published = logWith(3, "cli:alice").head();
        assertThat(published.seq()).isEqualTo(3);

        Files.delete(logFile());
        Files.delete(logFile().resolveSibling("audit.jsonl.head"));
        AuditLog forged = logWith(3, "cli:mallory");
        assertThat(forged.verify()).as("the forged chain is internally consistent").isEmpty();
        assertThat(forged.verify(published)).singleElement().asString()
                .contains("record 3 does not match the published head", "rewritten");

        AuditLog genuine = logWith(0, "x");
        Files.delete(logFile());
        Files.delete(logFile().resolveSibling("audit.jsonl.head"));
        logWith(2, "cli:mallory");
        assertThat(genuine.verify(published)).anySatisfy(p -> assertThat(p).contains("has 2 records", "removed"));
    }

    @Test
    void theGenuineLogPassesAgainstAnOlderPublishedHead() {
        AuditLog log = logWith(3, "cli:alice");
        AuditHead published = log.head();
        log.append(new AuditRecord(Instant.now(), "cli:alice", "x", "t", "ok", Map.of()));
        assertThat(log.verify(AuditHead.parse(published.toString()))).isEmpty();
    }

    @Test
    void aMalformedHeadNamesTheValue() {
        assertThatThrownBy(() -> AuditHead.parse("12-abc")).isInstanceOf(AuditException.class)
                .hasMessageContaining("'12-abc'").hasMessageContaining("SEQ:HASH");
        assertThatThrownBy(() -> AuditHead.parse("x:" + "a".repeat(64))).isInstanceOf(AuditException.class)
                .hasMessageContaining("'x' is not a number");
        assertThatThrownBy(() -> AuditHead.parse("3:zz")).isInstanceOf(AuditException.class)
                .hasMessageContaining("64 hex digits");
    }
}
