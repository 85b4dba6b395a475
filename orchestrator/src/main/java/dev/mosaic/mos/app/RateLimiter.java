package dev.mosaic.mos.app;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A token bucket per person: {@code burst} commands at once, refilled at {@code perMinute}. Keeps
 * one runaway script (or a stuck key) from flooding the fleet.
 */
public final class RateLimiter {

    /**
     * @param perMinute sustained commands per minute
     * @param burst how many may come at once
     */
    public record Limits(int perMinute, int burst) {
        public Limits {
            if (perMinute < 1 || burst < 1) {
                throw AppException.invalid("rate limit must allow at least 1 command per minute and a burst of 1, was "
                        + perMinute + "/min burst " + burst);
            }
        }

        public static Limits defaults() {
            return new Limits(20, 10);
        }
    }

    private static final int MAX_PEOPLE = 10_000;

    private final Limits limits;
    private final Clock clock;
    private final Map<String, double[]> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
            return size() > MAX_PEOPLE;
        }
    };

    public RateLimiter(Limits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Takes one token for {@code who}; false when their bucket is empty. */
    public synchronized boolean tryAcquire(String who) {
        long now = clock.millis();
        // bucket = {tokens, lastRefillMillis}
        double[] b = buckets.computeIfAbsent(who, k -> new double[] {limits.burst(), now});
        double refill = (now - b[1]) * limits.perMinute() / 60_000.0;
        b[0] = Math.min(limits.burst(), b[0] + Math.max(0, refill));
        b[1] = now;
        if (b[0] >= 1) {
            b[0] -= 1;
            return true;
        }
        return false;
    }

    /** How long until {@code who} may send the next command. */
    public synchronized Duration retryAfter(String who) {
        double[] b = buckets.get(who);
        if (b == null || b[0] >= 1) {
            return Duration.ZERO;
        }
        double missing = 1 - b[0];
        return Duration.ofMillis((long) Math.ceil(missing * 60_000.0 / limits.perMinute()));
    }

    /** The polite reply when a person is over the limit. */
    public String reply(String who) {
        long seconds = Math.max(1, (retryAfter(who).toMillis() + 999) / 1000);
        return "Easy there: that is more than " + limits.perMinute() + " commands a minute. Try again in "
                + seconds + " s.";
    }
}
