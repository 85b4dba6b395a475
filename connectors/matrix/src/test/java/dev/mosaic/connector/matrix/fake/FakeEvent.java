package dev.mosaic.connector.matrix.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event the fake homeserver stored.
 *
 * @param position the stream position (since tokens are {@code "s" + position})
 * @param roomId the room it belongs to
 * @param eventId its id
 * @param type e.g. {@code m.room.message}
 * @param sender the user id that sent it
 * @param stateKey the state key for state events, else {@code null}
 * @param content the event content
 * @param originServerTs when the fake stored it (epoch millis)
 * @param txnId the client's transaction id when it came through {@code PUT /send}, else {@code null}
 */
public record FakeEvent(long position, String roomId, String eventId, String type, String sender, String stateKey,
                        ObjectNode content, long originServerTs, String txnId) {

    /** The {@code body} of a message, or an empty string. */
    public String body() {
        return content.path("body").asText("");
    }

    /** The {@code msgtype} of a message, or an empty string. */
    public String msgtype() {
        return content.path("msgtype").asText("");
    }
}
