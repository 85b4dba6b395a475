package dev.mosaic.fleet.engine;

import dev.mosaic.fleet.FleetException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Keeps human and automated input to one agent from interleaving. Each keystroke a person sends
 * (web butt-in) renews a short per-agent lease; an automated send waits until the lease has run
 * out, at most {@code maxWait}, and then gives up with a clear message rather than typing into
 * the middle of someone's half-written line.
 *
 * <p>Times are measured on a monotonic clock ({@code System.nanoTime} by default), not on the
 * wall clock: a lease is a duration, and a fixed or adjusted wall clock must never make a sender
 * wait forever.
 */
public final class TypingLease {

    private final Duration lease;
    private final Duration maxWait;
    private final LongSupplier nanoTime;
    private final Map<String, Long> expiresAt = new HashMap<>();

    /**
     * @param lease how long after a person's last keystroke the agent stays theirs (e.g. 2 s)
     * @param maxWait how long an automated send waits for the lease before it fails
     */
    public TypingLease(Duration lease, Duration maxWait) {
        this(lease, maxWait, System::nanoTime);
    }

    TypingLease(Duration lease, Duration maxWait, LongSupplier nanoTime) {
        if (lease.isNegative() || maxWait.isNegative()) {
            throw new IllegalArgumentException("lease and maxWait must not be negative");
        }
        this.lease = lease;
        this.maxWait = maxWait;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** A person just typed into {@code agent}: the agent is theirs for another lease period. */
    public synchronized void humanTyped(String agent) {
        expiresAt.put(agent, nanoTime.getAsLong() + lease.toNanos());
    }

    /** Whether a person has typed into {@code agent} within the lease period. */
    public synchronized boolean held(String agent) {
        Long until = expiresAt.get(agent);
        return until != null && until - nanoTime.getAsLong() > 0;
    }

    /**
     * Blocks an automated sender until nobody is typing into {@code agent}.
     *
     * @throws FleetException when a person keeps typing for longer than {@code maxWait}
     */
    public synchronized void awaitQuiet(String agent) {
        long deadline = nanoTime.getAsLong() + maxWait.toNanos();
        while (true) {
            Long until = expiresAt.get(agent);
            long now = nanoTime.getAsLong();
            if (until == null || until - now <= 0) {
                expiresAt.remove(agent);
                return;
            }
            if (deadline - now <= 0) {
                throw new FleetException("agent '" + agent + "' is being typed into by a person (web); the automated"
                        + " send waited " + maxWait.toSeconds() + " s and gave up, try again when they pause");
            }
            long waitNanos = Math.min(until, deadline) - now;
            try {
                // woken early by nothing in particular; the loop re-reads the lease, which a new keystroke may extend
                wait(Math.max(1, waitNanos / 1_000_000), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FleetException("interrupted while waiting for a person to stop typing into '" + agent + "'");
            }
        }
    }
}
