package dev.mosaic.mos.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.fleet.ps.FleetSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A ps snapshot is reused for a moment, and forgotten when something changed the fleet. */
class RecentPsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicInteger taken = new AtomicInteger();
    private final List<Runnable> later = new ArrayList<>();
    private final RecentPs ps = new RecentPs(
            () -> new FleetSnapshot(Instant.EPOCH.plusSeconds(taken.incrementAndGet()), "bench", List.of()),
            now::get, Duration.ofMillis(200), later::add);

    @Test
    void aSnapshotIsReusedWithinItsAgeThenTakenAgain() {
        FleetSnapshot first = ps.get();
        now.addAndGet(Duration.ofMillis(99).toNanos());
        assertThat(ps.get()).isSameAs(first);
        now.addAndGet(Duration.ofMillis(100).toNanos());
        assertThat(ps.get()).isSameAs(first);
        later.clear(); // the renewal it started never runs

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

    @Test
    void aPsPastHalfTheAgeGetsTheCurrentSnapshotAndTheNextGetsOneTakenMeanwhile() {
        FleetSnapshot first = ps.get();
        now.addAndGet(Duration.ofMillis(150).toNanos());
        assertThat(ps.get()).isSameAs(first);
        assertThat(ps.get()).isSameAs(first);
        assertThat(later).as("one renewal, however many ask").hasSize(1);
        assertThat(taken).as("nobody waited for tmux").hasValue(1);

        later.remove(0).run();
        now.addAndGet(Duration.ofMillis(90).toNanos()); // 240 ms after the first, 90 after the renewal
        FleetSnapshot renewed = ps.get();
        assertThat(renewed).isNotSameAs(first);
        assertThat(taken).hasValue(2);
    }

    @Test
    void aChangeWhileASnapshotIsRenewedDiscardsTheRenewal() {
        ps.get();
        now.addAndGet(Duration.ofMillis(150).toNanos());
        ps.get();
        ps.forget(); // e.g. an agent was started
        later.remove(0).run();
        FleetSnapshot after = ps.get();
        assertThat(taken).as("the renewal began before the change; a new one was taken").hasValue(3);
        assertThat(after.generatedAt()).isEqualTo(Instant.EPOCH.plusSeconds(3));
    }
}
