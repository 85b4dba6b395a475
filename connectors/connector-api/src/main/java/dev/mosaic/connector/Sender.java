package dev.mosaic.connector;

import java.util.Objects;

/**
 * Who said a message. Authorization uses {@link #id()} only — the platform's immutable user id —
 * never the display name, which anyone can change.
 *
 * @param platform the connector type
 * @param id the immutable platform user id (Discord snowflake, Matrix {@code @user:server}, ...)
 * @param displayName a human-readable name, for replies and audit only
 * @param bot whether the platform marks this account as a bot
 */
public record Sender(String platform, String id, String displayName, boolean bot) {

    public Sender {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("sender id must not be blank");
        }
        displayName = displayName == null || displayName.isBlank() ? id : displayName;
    }
}
