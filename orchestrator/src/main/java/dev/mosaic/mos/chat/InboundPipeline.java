package dev.mosaic.mos.chat;

import dev.mosaic.connector.Acknowledger;
import dev.mosaic.connector.Acknowledger.Ack;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.fleet.roster.Principal;
import dev.mosaic.mos.app.Application;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound steps every message takes — for every platform and for the comms relay — each a
 * small {@link Step} in one chain: ignore self and bots → addressed? → dedupe → identify →
 * authorize → rate limit → acknowledge → dispatch. A step either passes the message on or
 * finishes it (ignored, refused with a reply, handled). The chat router and the comms relay each
 * assemble their chain from the shared steps here and their own, each step named
 * ({@link #named}) so the order can be read back ({@link #stepNames()}).
 */
public final class InboundPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(InboundPipeline.class);

    /** One step of the chain. */
    @FunctionalInterface
    public interface Step {
        /** @return true to pass the message on; false when this step finished it */
        boolean apply(Delivery d);
    }

    /** A step with the name {@link #stepNames()} gives it. */
    private record Named(String name, Step step) implements Step {
        @Override
        public boolean apply(Delivery d) {
            return step.apply(d);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** {@code step}, named (e.g. {@code "dispatch"}) for {@link #stepNames()}. */
    public static Step named(String name, Step step) {
        return new Named(Objects.requireNonNull(name, "name"), Objects.requireNonNull(step, "step"));
    }

    private final List<Step> steps;
    private final Clock clock;

    public InboundPipeline(Clock clock, List<Step> steps) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.steps = List.copyOf(steps);
    }

    /** The steps' names in the order they run (an unnamed step shows as {@code "?"}). */
    public List<String> stepNames() {
        return steps.stream().map(s -> s instanceof Named n ? n.name() : "?").toList();
    }

    /** Runs {@code message} through the steps, in order, until one finishes it. */
    public void run(InboundMessage message, Connector from) {
        Delivery d = new Delivery(message, from, clock.millis());
        for (Step s : steps) {
            if (!s.apply(d)) {
                return;
            }
        }
    }

    /**
     * Ignore self and bots: a message from a bot (Mos's own included) goes no further, without a
     * word, unless the roster lists that bot as a principal; so two bots never talk each other into
     * a loop, and a bot's message costs no dedupe record, no roster error reply, no rate. When the
     * roster cannot be read, a bot is ignored (fail closed).
     */
    public static Step ignoreSelfAndBots(Authorizer authorizer) {
        Objects.requireNonNull(authorizer, "authorizer");
        return named("ignore self and bots", d -> {
            if (!d.message().sender().bot()) {
                return true;
            }
            try {
                return authorizer.identify(d.message().sender()).isPresent();
            } catch (RuntimeException unreadableRoster) {
                LOG.debug("bot message {} ignored: {}", d.message().messageId(), unreadableRoster.getMessage());
                return false;
            }
        });
    }

    /** Dedupe: a message already acted on (a redelivery, also after a restart) goes no further. */
    public static Step dedupe(MessageDeduper deduper) {
        Objects.requireNonNull(deduper, "deduper");
        return named("dedupe", d -> deduper.firstTime(d.message()));
    }

    /** What to do with a sender the roster does not list. */
    @FunctionalInterface
    public interface Stranger {
        void refuse(Delivery d);
    }

    /**
     * Identify: the principal whose immutable id on the sender's platform is the sender's. An
     * unknown person is refused through {@code stranger}; an unlisted bot (stopped before, by
     * {@link #ignoreSelfAndBots}, in a chain that has that step) is never answered.
     */
    public static Step identify(Authorizer authorizer, Stranger stranger) {
        return named("identify", d -> {
            Optional<Principal> who = authorizer.identify(d.message().sender());
            if (who.isPresent()) {
                d.identified(who.get());
                return true;
            }
            if (!d.message().sender().bot()) {
                stranger.refuse(d);
            }
            return false;
        });
    }

    /** A sender's allowance of commands (the application's rate limiter). */
    public interface Gate {
        /** Takes one command from {@code actor}'s allowance; false when they are over their rate. */
        boolean admit(String actor);

        /** What to tell someone who is over their rate. */
        String reply(String actor);

        /** The application's rate limiter; {@code app} is asked when a message comes (it may be built later). */
        static Gate of(Supplier<Application> app) {
            return new Gate() {
                @Override
                public boolean admit(String actor) {
                    return app.get().admit(actor);
                }

                @Override
                public String reply(String actor) {
                    return app.get().rateLimitReply(actor);
                }
            };
        }
    }

    /** What to do with a message from someone over their rate. */
    @FunctionalInterface
    public interface OverRate {
        void refuse(Delivery d, String reply);
    }

    /** Rate limit: someone over their allowance is told so (by {@code over}) and goes no further. */
    public static Step rateLimit(Gate gate, OverRate over) {
        return named("rate limit", d -> {
            if (gate.admit(d.actor())) {
                return true;
            }
            over.refuse(d, gate.reply(d.actor()));
            return false;
        });
    }

    /** Acknowledge: marks the message RECEIVED on platforms with reactions or receipts. */
    public static Step acknowledge() {
        return named("acknowledge", d -> {
            acknowledge(d.from(), d.message(), Ack.RECEIVED);
            return true;
        });
    }

    /** Marks {@code message} with {@code ack} when its connector can; a failure only costs the mark. */
    public static void acknowledge(Connector c, InboundMessage message, Ack ack) {
        if (c instanceof Acknowledger a) {
            try {
                a.acknowledge(message, ack);
            } catch (ConnectorException e) {
                LOG.debug("could not mark {} {}: {}", message.messageId(), ack, e.getMessage());
            }
        }
    }
}
