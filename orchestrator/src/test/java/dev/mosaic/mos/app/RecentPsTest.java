package dev.mosaic.mos.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.fleet.ps.FleetSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A ps snapshot is reused for a moment, and forgotten when something changed the fleet. */
class RecentPsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger taken = new AtomicInteger();
    private final RecentPs ps = new RecentPs(
            () -> new FleetSnapshot(Instant.EPOCH.plusSeconds(taken.incrementAndGet()), "bench", List.of()),
            now::get, Duration.ofMillis(200));

    @Test
    void aSnapshotIsReusedWithinItsAgeThenTakenAgain() {
        FleetSnapshot first = ps.get();
        now.addAndGet(Duration.ofMillis(199).toNanos());
        assertThat(ps.get()).isSameAs(first);

        now.addAndGet(Duration.ofMillis(1).toNanos());
        FleetSnapshot second = ps.get();
        assertThat(second).isNotSameAs(first);
        assertThat(second.generatedAt()).isEqualTo(Instant.EPOCH.plusSeconds(2));
        assertThat(taken).hasValue(2);
    }

    @Test
    void aChangeMakesTheNextPsTakeANewSnapshot() {
        FleetSnapshot before = ps.get();
        ps.forget();
        assertThat(ps.get()).isNotSameAs(before);
        assertThat(taken).hasValue(2);
    }
}
