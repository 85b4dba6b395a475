package dev.mosaic.mos.app;

import dev.mosaic.fleet.ps.FleetSnapshot;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
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
 *
 * <p>While {@code ps} keeps being asked, the snapshot is renewed ahead of time: a {@code ps} that
 * finds it past half its age starts a new one in the background and still gets the current one, so
 * a steady stream of {@code ps} never waits for tmux and 100 heartbeat files (that wait, ~20 ms,
 * was the service's p99).
 */
final class RecentPs {

    /** Short enough that nobody notices, long enough to serve a burst. */
    static final Duration MAX_AGE = Duration.ofMillis(200);

    private final Supplier<FleetSnapshot> ps;
    private final LongSupplier nanos;
    private final long maxAgeNanos;
    private final Executor background;
    private @Nullable FleetSnapshot last;
    private long takenAt;
    private long generation; // a change since a background snapshot began makes it worthless
    private boolean renewing;

    /**
     * @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime})
     * @param background runs the snapshots taken ahead of time
     */
    RecentPs(Supplier<FleetSnapshot> ps, LongSupplier nanos, Duration maxAge, Executor background) {
        this.ps = Objects.requireNonNull(ps, "ps");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.maxAgeNanos = maxAge.toNanos();
        this.background = Objects.requireNonNull(background, "background");
    }

    synchronized FleetSnapshot get() {
        long now = nanos.getAsLong();
        FleetSnapshot s = last;
        if (s != null && now - takenAt < maxAgeNanos) {
            if (now - takenAt >= maxAgeNanos / 2 && !renewing) {
                renewing = true;
                long gen = generation;
                try {
                    background.execute(() -> renew(gen));
                } catch (RuntimeException rejected) {
                    renewing = false; // the next ps past the age takes it itself
                }
            }
            return s;
        }
        // its age counts from when it was begun: what changed while it was taken may be missing
        long begun = nanos.getAsLong();
        s = ps.get();
        last = s;
        takenAt = begun;
        generation++;
        return s;
    }

    private void renew(long gen) {
        long begun = nanos.getAsLong();
        FleetSnapshot s = null;
        try {
            s = ps.get();
        } finally {
            synchronized (this) {
                renewing = false;
                if (s != null && gen == generation && begun > takenAt) {
                    last = s;
                    takenAt = begun;
                }
            }
        }
    }

    /** Forgets the snapshot: the next {@link #get} takes a new one. */
    synchronized void forget() {
        last = null;
        generation++;
    }
}
