package dev.mosaic.mos.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastRunningTest {

    @TempDir
    Path dir;

    @Test
    void theVeryFirstStartHasNoPreviousRun() {
        assertThat(new LastRunning(dir.resolve("last-running"), Clock.systemUTC()).previous()).isEmpty();
    }

    @Test
    void aCommandStampedInTheSameMillisecondAsTheStopIsNotHistory() throws Exception {
        Instant stop = Instant.parse("2026-12-07T10:00:00.123700Z");
        LastRunning last = new LastRunning(dir.resolve("last-running"), Clock.fixed(stop, ZoneOffset.UTC));
        last.mark();
        // Matrix stamps a command sent 0.2 ms after the stop 10:00:00.123 (milliseconds), Telegram
        // stamps it 10:00:00: neither may fall before where history ends
        Instant historyEnds = last.previous().orElseThrow();
        assertThat(Instant.parse("2026-12-07T10:00:00.123Z")).isAfterOrEqualTo(historyEnds);
        assertThat(Instant.parse("2026-12-07T10:00:00Z")).isAfterOrEqualTo(historyEnds);
        assertThat(Instant.parse("2026-12-07T09:59:59.999Z")).isBefore(historyEnds);
    }

    @Test
    void anUnreadableFileCountsAsAFirstStart() throws Exception {
        Files.writeString(dir.resolve("last-running"), "yesterday-ish\n");
        assertThat(new LastRunning(dir.resolve("last-running"), Clock.systemUTC()).previous()).isEmpty();
    }
}
