package dev.mosaic.mos.app;

import org.jspecify.annotations.Nullable;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Holds destructive commands until the same person confirms them, in the same conversation, with
 * the code Mos gave, before the time limit. One pending command per person and conversation: a
 * new one replaces the old.
 */
public final class Confirmations {

    /** What {@link #confirm} found. */
    public sealed interface Check {
        /** The code matched in time: run the command. */
        record Confirmed(Operation command) implements Check {
        }

        /** This person has nothing waiting in this conversation. */
        record NothingPending() implements Check {
        }

        /** Something is waiting, but the code differs; it stays waiting. */
        record WrongCode() implements Check {
        }

        /** The code was right but came too late; the command is dropped. */
        record Expired(Operation command) implements Check {
        }
    }

    private record Key(String actor, String conversation) {
    }

    private record Pending(Operation command, String code, Instant deadline) {
    }

    private final Clock clock;
    private final Duration timeout;
    private final RandomGenerator random;
    private final Map<Key, Pending> pending = new HashMap<>();

    public Confirmations(Clock clock, Duration timeout) {
        this(clock, timeout, new SecureRandom());
    }

    public Confirmations(Clock clock, Duration timeout, RandomGenerator random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.random = Objects.requireNonNull(random, "random");
        if (timeout.isNegative() || timeout.isZero()) {
            throw AppException.invalid("confirmation timeout must be positive, was " + timeout);
        }
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * Parks {@code command} for {@code actor} in {@code conversation}.
     *
     * @return the 4-digit code the person must reply with
     */
    public synchronized String request(String actor, String conversation, Operation command) {
        String code = String.format("%04d", random.nextInt(10_000));
        pending.put(new Key(actor, conversation), new Pending(command, code, clock.instant().plus(timeout)));
        return code;
    }

    public synchronized Check confirm(String actor, String conversation, String code) {
        Key key = new Key(actor, conversation);
        Pending p = pending.get(key);
        if (p == null) {
            return new Check.NothingPending();
        }
        if (clock.instant().isAfter(p.deadline())) {
            pending.remove(key);
            return new Check.Expired(p.command());
        }
        if (!p.code().equals(code.strip())) {
            return new Check.WrongCode();
        }
        pending.remove(key);
        return new Check.Confirmed(p.command());
    }

    /** Drops what {@code actor} has waiting in {@code conversation}; returns it, or null if nothing was. */
    public synchronized @Nullable Operation cancel(String actor, String conversation) {
        Pending p = pending.remove(new Key(actor, conversation));
        return p == null ? null : p.command();
    }
}
