package dev.mosaic.mos.service;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Exponential backoff with jitter for reconnecting a failed connector: attempt {@code n} waits a
 * random time between half and all of {@code min(max, base * 2^n)}, so many connectors failing
 * together (a network blip) do not retry in lock-step.
 *
 * @param base the first delay
 * @param max the longest delay
 * @param random the jitter source; a seeded one makes tests repeatable
 */
public record Backoff(Duration base, Duration max, Random random) {

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(random, "random");
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new ServiceException("backoff needs 0 < base <= max, was base " + base + ", max " + max);
        }
    }

    /** 1 s doubling up to 5 minutes. */
    public static Backoff defaults(Random random) {
        return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), random);
    }

    /** The wait before retry number {@code attempt} (0 for the first retry). */
    public Duration delay(int attempt) {
        long cap = max.toMillis();
        long d = base.toMillis();
        for (int i = 0; i < attempt && d < cap; i++) {
            d *= 2;
        }
        d = Math.min(d, cap);
        double factor;
        synchronized (random) {
            factor = 0.5 + random.nextDouble() / 2;
        }
        return Duration.ofMillis(Math.max(1, Math.round(d * factor)));
    }
}
