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
 * @param sentAt when the platform says it was sent, in the platform's precision (Telegram stamps
 *     whole seconds, Matrix and Discord milliseconds, Slack microseconds)
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

    /**
     * Whether this message was certainly sent before {@code t}: its stamp, read in the precision it
     * shows (a whole second, millisecond or microsecond), ends no later than {@code t}. A message
     * stamped 14:02:05 by a platform that counts seconds may have been sent at 14:02:05.9, so it is
     * not "before" a service start at 14:02:05.3 — judging by the bare stamp dropped such commands
     * as history.
     */
    public boolean sentBefore(Instant t) {
        return !stampEnd(sentAt).isAfter(t);
    }

    /** The end (exclusive) of the interval a truncated stamp stands for. */
    static Instant stampEnd(Instant stamp) {
        int nanos = stamp.getNano();
        if (nanos == 0) {
            return stamp.plusSeconds(1);
        }
        if (nanos % 1_000_000 == 0) {
            return stamp.plusMillis(1);
        }
        return stamp.plusNanos(nanos % 1_000 == 0 ? 1_000 : 1); // [stamp, end): an exact stamp ends a nanosecond later
    }
}
