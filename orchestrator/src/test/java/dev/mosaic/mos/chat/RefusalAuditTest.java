package dev.mosaic.mos.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.fleet.audit.AuditLog;
import dev.mosaic.mos.app.AuditTrail;
import dev.mosaic.mos.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 row 18: refusals are audited one record per sender and minute, and every refusal is counted. */
class RefusalAuditTest {

    @TempDir
    Path dir;

    @Test
    void aSendersRefusalsInOneMinuteAreOneRecordAndTheCountsAddUp() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"));
        RefusalAudit refusals = new RefusalAudit(new AuditTrail(log, clock), clock, Duration.ofMinutes(1));
        for (int i = 0; i < 300; i++) {
            refusals.refused("matrix:@eve", "comms.deliver", "echo-1", "refused: unknown sender", Map.of());
            refusals.refused("matrix:@mallory", "chat.ps", "", "refused: unknown sender", Map.of());
            clock.advance(Duration.ofMillis(500)); // 300 each over 2.5 minutes
        }
        refusals.flushExpired();
        refusals.flush();

        List<AuditLog.AuditEntry> eve = log.read().stream().filter(e -> e.record().actor().equals("matrix:@eve")).toList();
        assertThat(eve).hasSizeBetween(3, 4);
        assertThat(eve.stream().mapToLong(e -> ((Number) e.record().details().get("count")).longValue()).sum())
                .isEqualTo(300);
        assertThat(eve.get(0).record().details()).containsEntry("count", 1).containsEntry("window", "60s");
        assertThat(log.read()).hasSizeLessThanOrEqualTo(8);
        assertThat(log.verify()).isEmpty();
    }
}
