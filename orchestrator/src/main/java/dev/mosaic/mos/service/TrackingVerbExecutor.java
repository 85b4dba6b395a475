package dev.mosaic.mos.service;

import dev.mosaic.connector.InboundMessage;
import dev.mosaic.mos.chat.ChatCommand;
import dev.mosaic.mos.chat.ChatVerb;
import dev.mosaic.mos.chat.VerbExecutor;
import java.util.Objects;

/**
 * Runs verbs through a delegate and, after a chat {@code send <agent> ...} succeeded, remembers
 * the conversation it came from as the one that last addressed that agent. The router runs a
 * verb on the thread that handles the message, after authorization, so the message in
 * {@link #handling} is the one the command came in.
 */
final class TrackingVerbExecutor implements VerbExecutor {

    private final VerbExecutor delegate;
    private final ConversationTracker tracker;
    private final ThreadLocal<InboundMessage> current = new ThreadLocal<>();

    TrackingVerbExecutor(VerbExecutor delegate, ConversationTracker tracker) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
    }

    /** Runs {@code handler} with {@code message} as the message being handled on this thread. */
    void handling(InboundMessage message, Runnable handler) {
        current.set(message);
        try {
            handler.run();
        } finally {
            current.remove();
        }
    }

    @Override
    public Result execute(ChatCommand command, String actor) {
        Result r = delegate.execute(command, actor);
        InboundMessage m = current.get();
        if (r.ok() && m != null && command.verb() == ChatVerb.SEND && !command.args().isEmpty()) {
            tracker.remember(command.args().get(0), m.conversation());
        }
        return r;
    }

    @Override
    public void validate(ChatCommand command) {
        delegate.validate(command);
    }
}
