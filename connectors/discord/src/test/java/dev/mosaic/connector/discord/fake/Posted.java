package dev.mosaic.connector.discord.fake;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A message the bot made the fake post: in a channel, or through an interaction webhook.
 *
 * @param id the message id the fake assigned
 * @param channelId where it appeared
 * @param content its text
 * @param replyTo the message it replies to (message reference), or null
 * @param files attached files
 * @param via {@code channel}, {@code edit-original} or {@code followup}
 */
public record Posted(String id, String channelId, String content, String replyTo, List<File> files, String via) {

    /** An attached file. */
    public record File(String name, byte[] data) {
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }
}
