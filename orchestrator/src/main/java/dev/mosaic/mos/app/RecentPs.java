package dev.mosaic.mos.app;

import dev.mosaic.fleet.ps.FleetSnapshot;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The last {@code ps} snapshot, reused for a moment: a burst of {@code ps} from many people (or
 * one person's quick repeats) costs one tmux call and one heartbeat read per agent, not one per
 * command, and callers arriving while a snapshot is taken wait for it instead of taking their own.
 * Anything that changes the fleet through the application forgets it ({@link #forget}), so a
 * {@code ps} right after a {@code start} shows the start; what changes by itself (a heartbeat, an
 * agent exiting) shows at most {@code maxAge} late.
 */
final class RecentPs {

    /** Short enough that nobody notices, long enough to serve a burst. */
    static final Duration MAX_AGE = Duration.ofMillis(200);

    private final Supplier<FleetSnapshot> ps;
    private final LongSupplier nanos;
    private final long maxAgeNanos;
    private @Nullable FleetSnapshot last;
    private long takenAt;

    /** @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime}) */
    RecentPs(Supplier<FleetSnapshot> ps, LongSupplier nanos, Duration maxAge) {
        this.ps = Objects.requireNonNull(ps, "ps");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.maxAgeNanos = maxAge.toNanos();
    }

    synchronized FleetSnapshot get() {
        long now = nanos.getAsLong();
        FleetSnapshot s = last;
        if (s != null && now - takenAt < maxAgeNanos) {
            return s;
        }
        s = ps.get();
        last = s;
        takenAt = nanos.getAsLong();
        return s;
    }

    /** Forgets the snapshot: the next {@link #get} takes a new one. */
    synchronized void forget() {
        last = null;
    }
}
