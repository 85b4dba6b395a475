package dev.mosaic.connector;

import java.util.Objects;

/**
 * A reply or notice from Mos. The text uses light Markdown: code fences for tables and terminal
 * output, inline code, bold. Connectors whose platform lacks Markdown render it as plain text.
 *
 * @param conversation where to post
 * @param text what to say; may exceed the platform limit, the connector splits it
 * @param inReplyTo the platform message id this answers, or {@code null}
 */
public record OutboundMessage(Conversation conversation, String text, String inReplyTo) {

    public OutboundMessage {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(text, "text");
    }

    public static OutboundMessage to(Conversation conversation, String text) {
        return new OutboundMessage(conversation, text, null);
    }

    public static OutboundMessage replyTo(InboundMessage message, String text) {
        return new OutboundMessage(message.conversation(), text, message.messageId());
    }
}
