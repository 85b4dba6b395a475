package dev.mosaic.mos.chat;

import org.jspecify.annotations.Nullable;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.fleet.roster.Principal;
import java.util.Objects;

/**
 * One inbound message on its way through the {@link InboundPipeline}, with what the steps have
 * learned about it so far (who sent it). Lives on one conversation's thread; not shared.
 */
public final class Delivery {

    private final InboundMessage message;
    private final Connector from;
    private final long startMillis;
    private @Nullable Principal principal;
    private @Nullable ParsedMessage parsed;
    private boolean late;

    Delivery(InboundMessage message, Connector from, long startMillis) {
        this.message = Objects.requireNonNull(message, "message");
        this.from = Objects.requireNonNull(from, "from");
        this.startMillis = startMillis;
    }

    public InboundMessage message() {
        return message;
    }

    /** The connector it came through: acknowledgements and replies go back through it. */
    public Connector from() {
        return from;
    }

    /** How the audit log names the sender: {@code platform:id}. */
    public String actor() {
        return message.sender().platform() + ":" + message.sender().id();
    }

    long startMillis() {
        return startMillis;
    }

    /** The roster principal, once the identify step found one. */
    public Principal principal() {
        if (principal == null) {
            throw new IllegalStateException("the sender has not been identified yet");
        }
        return principal;
    }

    /** What the message says, once the chat router's addressed step read it. */
    ParsedMessage parsed() {
        if (parsed == null) {
            throw new IllegalStateException("the message has not been read yet");
        }
        return parsed;
    }

    void parsed(ParsedMessage p) {
        this.parsed = p;
    }

    /** Whether it was sent while Mos was down and runs late (the reply says so). */
    boolean late() {
        return late;
    }

    void late(boolean late) {
        this.late = late;
    }

    void identified(Principal who) {
        this.principal = Objects.requireNonNull(who, "who");
    }
}
