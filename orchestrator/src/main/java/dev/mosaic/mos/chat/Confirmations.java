package dev.mosaic.mos.chat;

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
    public sealed interface Outcome {
        /** The code matched in time: run the command. */
        record Confirmed(ChatCommand command) implements Outcome {
        }

        /** This person has nothing waiting in this conversation. */
        record NothingPending() implements Outcome {
        }

        /** Something is waiting, but the code differs; it stays waiting. */
        record WrongCode() implements Outcome {
        }

        /** The code was right but came too late; the command is dropped. */
        record Expired(ChatCommand command) implements Outcome {
        }
    }

    private record Key(String actor, String conversation) {
    }

    private record Pending(ChatCommand command, String code, Instant deadline) {
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
            throw new ChatException("confirmation timeout must be positive, was " + timeout);
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
    public synchronized String request(String actor, String conversation, ChatCommand command) {
        String code = String.format("%04d", random.nextInt(10_000));
        pending.put(new Key(actor, conversation), new Pending(command, code, clock.instant().plus(timeout)));
        return code;
    }

    public synchronized Outcome confirm(String actor, String conversation, String code) {
        Key key = new Key(actor, conversation);
        Pending p = pending.get(key);
        if (p == null) {
            return new Outcome.NothingPending();
        }
        if (clock.instant().isAfter(p.deadline())) {
            pending.remove(key);
            return new Outcome.Expired(p.command());
        }
        if (!p.code().equals(code.strip())) {
            return new Outcome.WrongCode();
        }
        pending.remove(key);
        return new Outcome.Confirmed(p.command());
    }

    /** Drops what {@code actor} has waiting in {@code conversation}; returns it, or null if nothing was. */
    public synchronized ChatCommand cancel(String actor, String conversation) {
        Pending p = pending.remove(new Key(actor, conversation));
        return p == null ? null : p.command();
    }
}
