package dev.mosaic.fleet.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeartbeatFilesTest {

    @TempDir
    Path run;

    static final Instant NOW = Instant.parse("2026-11-26T18:00:00Z");

    HeartbeatFiles files(Instant now) {
        return new HeartbeatFiles(run, Duration.ofSeconds(15), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void healthyUpToThreeIntervalsThenStale() throws Exception {
        Files.writeString(run.resolve("mos.heartbeat"), "ts=2026-11-26T17:59:15Z\npid=4242\nstatus=ok\n");
        Heartbeat fresh = files(NOW).read("mos");
        assertThat(fresh.health()).isEqualTo(Health.HEALTHY);
        assertThat(fresh.age()).isEqualTo(Duration.ofSeconds(45));
        assertThat(fresh.pid()).isEqualTo(4242L);
        assertThat(fresh.status()).isEqualTo("ok");
        assertThat(files(NOW.plusSeconds(1)).read("mos").health()).isEqualTo(Health.STALE);
    }

    @Test
    void noFileOrNoParsableTsIsUnknown() throws Exception {
        assertThat(files(NOW).read("nobody").health()).isEqualTo(Health.UNKNOWN);
        Files.writeString(run.resolve("bad.heartbeat"), "ts=yesterday\npid=1\nstatus=ok\n");
        Heartbeat bad = files(NOW).read("bad");
        assertThat(bad.health()).isEqualTo(Health.UNKNOWN);
        assertThat(bad.status()).isEqualTo("ok");
    }

    @Test
    void nativeBeatIsWrittenInTheSameFormatAndReadBack() throws Exception {
        files(NOW).write("coder-1", 77, "ok", "working");
        assertThat(Files.readString(run.resolve("coder-1.heartbeat")))
                .isEqualTo("ts=2026-11-26T18:00:00Z\nnative_ts=2026-11-26T18:00:00Z\npid=77\nstatus=ok\nactivity=working\n"
                        + "since=2026-11-26T18:00:00Z\n");
        Heartbeat hb = files(NOW.plusSeconds(2)).read("coder-1");
        assertThat(hb.health()).isEqualTo(Health.HEALTHY);
        assertThat(hb.activity()).isEqualTo("working");
        assertThat(hb.nativeBeat()).isTrue();
        // the same activity again keeps when it began; another one starts anew
        files(NOW.plusSeconds(5)).write("coder-1", 77, "ok", "working");
        assertThat(files(NOW.plusSeconds(6)).read("coder-1").since()).isEqualTo(NOW);
        files(NOW.plusSeconds(7)).write("coder-1", 77, "ok", "waiting_approval");
        assertThat(files(NOW.plusSeconds(8)).read("coder-1").since()).isEqualTo(NOW.plusSeconds(7));
        try (var listing = Files.list(run)) {
            assertThat(listing).hasSize(1);
        }
    }

    @Test
    void badStatusOrActivityIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> files(NOW).write("a", 1, "two words", null)).hasMessageContaining("'two words'");
        assertThatThrownBy(() -> files(NOW).write("a", 1, "ok", "sleeping")).hasMessageContaining("'sleeping'");
    }
}
