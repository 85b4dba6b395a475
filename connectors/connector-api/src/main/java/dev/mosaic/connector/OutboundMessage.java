package dev.mosaic.connector;

import org.jspecify.annotations.Nullable;
import java.util.List;
import java.util.Objects;

/**
 * A reply or notice from Mos. The text uses light Markdown: code fences for tables and terminal
 * output, inline code, bold. Connectors whose platform lacks Markdown render it as plain text.
 *
 * @param conversation where to post
 * @param text what to say; may exceed the platform limit, the connector splits it
 * @param inReplyTo the platform message id this answers, or {@code null}
 * @param actions buttons to offer under the message (may be empty); see {@link Action}
 */
public record OutboundMessage(Conversation conversation, String text, @Nullable String inReplyTo, List<Action> actions) {

    public OutboundMessage {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(text, "text");
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public OutboundMessage(Conversation conversation, String text, @Nullable String inReplyTo) {
        this(conversation, text, inReplyTo, List.of());
    }

    /** This message with buttons under it. */
    public OutboundMessage withActions(List<Action> newActions) {
        return new OutboundMessage(conversation, text, inReplyTo, newActions);
    }

    public static OutboundMessage to(Conversation conversation, String text) {
        return new OutboundMessage(conversation, text, null);
    }

    public static OutboundMessage replyTo(InboundMessage message, String text) {
        return new OutboundMessage(message.conversation(), text, message.messageId());
    }
}
