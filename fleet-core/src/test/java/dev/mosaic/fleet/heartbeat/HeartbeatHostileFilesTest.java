package dev.mosaic.fleet.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 row 9: a heartbeat file is never followed through a symlink nor read past 4 KiB. */
class HeartbeatHostileFilesTest {

    @TempDir
    Path run;

    private final HeartbeatFiles files() {
        return new HeartbeatFiles(run, Duration.ofSeconds(15), Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void aSymlinkToDevZeroReadsAsUnknownAndSaysWhy() throws Exception {
        Files.createSymbolicLink(run.resolve("evil.heartbeat"), Path.of("/dev/zero"));
        Heartbeat b = files().read("evil");
        assertThat(b.health()).isEqualTo(Health.UNKNOWN);
        assertThat(b.status()).isEqualTo("symlink-refused");
    }

    @Test
    void aFiftyMegabyteFileReadsAsUnknownWithoutBeingRead() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(run.resolve("big.heartbeat").toFile(), "rw")) {
            f.write("ts=2026-12-07T09:59:58Z\npid=1\nstatus=ok\n".getBytes());
            f.setLength(50L * 1024 * 1024);
        }
        Heartbeat b = files().read("big");
        assertThat(b.health()).isEqualTo(Health.UNKNOWN);
        assertThat(b.status()).isEqualTo("too-large");
    }

    @Test
    void anOrdinaryBeatStillReads() throws Exception {
        Files.writeString(run.resolve("ok.heartbeat"), "ts=2026-12-07T09:59:58Z\npid=42\nstatus=running\n");
        Heartbeat b = files().read("ok");
        assertThat(b.health()).isEqualTo(Health.HEALTHY);
        assertThat(b.pid()).isEqualTo(42L);
    }
}
