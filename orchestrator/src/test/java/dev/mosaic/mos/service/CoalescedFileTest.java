package dev.mosaic.mos.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoalescedFileTest {

    @TempDir
    Path dir;

    /** An owner as the journal and the tracker are: state changed under its lock. */
    final class Counter {
        final CoalescedFile disk;
        int value;

        Counter(Path file) {
            disk = new CoalescedFile(file, this, () -> value + "\n");
        }

        synchronized void set(int v) {
            value = v;
            disk.changed();
        }
    }

    @Test
    void aBurstOfChangesFromManyThreadsEndsWithTheNewestStateOnDiskPrivately() throws Exception {
        Path file = dir.resolve("state/counter.json");
        Counter c = new Counter(file);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = t * 10_000;
            Thread th = new Thread(() -> {
                for (int i = 1; i <= 2_000; i++) {
                    c.set(base + i);
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread t : threads) {
            t.join();
        }
        c.set(123_456);
        c.disk.flush();
        assertThat(Files.readString(file)).isEqualTo("123456\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        c.disk.close();
    }

    @Test
    void closeWritesWhatIsPendingAndLaterChangesAreWrittenAtOnce() throws Exception {
        Path file = dir.resolve("counter.json");
        Counter c = new Counter(file);
        c.set(1);
        c.disk.close();
        assertThat(Files.readString(file)).isEqualTo("1\n");
        c.set(2);
        assertThat(Files.readString(file)).isEqualTo("2\n");
    }

    @Test
    void anUnwritableFileIsLoggedAndTheOwnerCarriesOn() throws Exception {
        Files.writeString(dir.resolve("not-a-dir"), "x");
        Counter c = new Counter(dir.resolve("not-a-dir/counter.json"));
        c.set(7);
        c.disk.flush();
        assertThat(c.value).isEqualTo(7);
        c.disk.close();
    }
}
