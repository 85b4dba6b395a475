package dev.mosaic.connector;

import java.time.Instant;
import java.util.Objects;

/**
 * A message from a person (or bot) on a chat platform.
 *
 * @param messageId the platform's id for this message; the service acts on each id once, even
 *     when the platform redelivers it
 * @param conversation where it was said; replies go there
 * @param sender who said it
 * @param text the text, with a leading bot mention removed
 * @param sentAt when the platform says it was sent
 * @param addressing how it reached Mos
 */
public record InboundMessage(String messageId, Conversation conversation, Sender sender, String text,
                             Instant sentAt, Addressing addressing) {

    public InboundMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(addressing, "addressing");
        text = text == null ? "" : text;
    }
}
