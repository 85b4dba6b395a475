package dev.mosaic.connector.matrix;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: attempt {@code n} (from 1) waits about
 * {@code initial * 2^(n-1)}, capped at {@code max}, and then shortened by a random fraction of up to
 * {@code jitter} so that many clients do not retry in lock step.
 *
 * @param initial the first delay
 * @param max the longest delay
 * @param jitter the fraction (0..1) of a delay that may be randomly taken off
 * @param random the source of jitter (a seeded one in tests)
 */
public record Backoff(Duration initial, Duration max, double jitter, RandomGenerator random) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(random, "random");
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max, was " + initial + " / " + max);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("backoff jitter must be within 0..1, was " + jitter);
        }
    }

    /** 1 s doubling up to 60 s, with up to 30 % jitter. */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.3, RandomGenerator.getDefault());
    }

    /** The delay before retry number {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1, was " + attempt);
        }
        long base = initial.toMillis();
        long capped = max.toMillis();
        long millis = base;
        for (int i = 1; i < attempt && millis < capped; i++) {
            millis *= 2;
        }
        millis = Math.min(millis, capped);
        long off = jitter == 0 || millis == 0 ? 0 : (long) (millis * jitter * random.nextDouble());
        return Duration.ofMillis(millis - off);
    }

    /** How the connector waits; replaced in tests that must not wait for real. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        /** Sleeps the current thread. */
        static Sleeper system() {
            return d -> Thread.sleep(Math.max(0, d.toMillis()));
        }
    }
}
