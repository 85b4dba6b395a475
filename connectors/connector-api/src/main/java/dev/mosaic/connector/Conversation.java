package dev.mosaic.connector;

import org.jspecify.annotations.Nullable;
import java.util.Objects;

/**
 * Where a message was said: a channel, room, chat or DM on one platform.
 *
 * @param platform the connector type, e.g. {@code "discord"}
 * @param id the platform's immutable id of the channel / room / chat
 * @param thread the thread id inside it, or {@code null}
 * @param direct whether this is a one-to-one conversation with the bot
 */
public record Conversation(String platform, String id, @Nullable String thread, boolean direct) {

    public Conversation {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("conversation id must not be blank");
        }
    }

    public static Conversation of(String platform, String id) {
        return new Conversation(platform, id, null, false);
    }

    /** A stable textual key, {@code platform:id[/thread]}, used for routing replies. */
    public String key() {
        return platform + ":" + id + (thread == null ? "" : "/" + thread);
    }
}
