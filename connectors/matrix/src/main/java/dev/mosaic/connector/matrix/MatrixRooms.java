package dev.mosaic.connector.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.connector.ConnectorException;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Creates rooms and posts into them with the bot's account, so each agent can get a room of its
 * own (comms mode). Obtain one from {@link MatrixConnector#rooms()} or {@link #connect}.
 */
public final class MatrixRooms {

    private final MatrixClient client;

    MatrixRooms(MatrixClient client) {
        this.client = client;
    }

    /** Room management against {@code homeserver} with an access token; opens no connection yet. */
    public static MatrixRooms connect(URI homeserver, String accessToken) {
        Objects.requireNonNull(accessToken, "accessToken");
        return new MatrixRooms(new MatrixClient(homeserver, accessToken,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), new ObjectMapper(),
                Backoff.standard(), Backoff.Sleeper.system()));
    }

    /**
     * Creates a private, unencrypted room and invites {@code invite}.
     *
     * @param name the room's display name
     * @param aliasLocalpart the alias local part ({@code agent-coder-1} for
     *     {@code #agent-coder-1:server}), or {@code null} for no alias
     * @param invite user ids to invite
     * @return the new room's id
     */
    public String createRoom(String name, String aliasLocalpart, List<String> invite) throws ConnectorException {
        ObjectNode body = client.json().createObjectNode().put("name", name).put("preset", "private_chat");
        if (aliasLocalpart != null && !aliasLocalpart.isBlank()) {
            body.put("room_alias_name", aliasLocalpart);
        }
        ArrayNode inv = body.putArray("invite");
        invite.forEach(inv::add);
        return client.createRoom(body);
    }

    /**
     * Joins the room {@code alias} ({@code #name:server}) or, when no room has that alias yet,
     * creates it with {@link #createRoom}; returns the room id. A concurrent creation of the same
     * alias ({@code M_ROOM_IN_USE}) ends in joining the room the other side made.
     */
    public String joinOrCreate(String alias, String name, List<String> invite) throws ConnectorException {
        if (!alias.matches("#[^:\\s]+:\\S+")) {
            throw new ConnectorException("'" + alias + "' is not a room alias (#name:server)", true);
        }
        try {
            return client.join(alias);
        } catch (MatrixApiException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        try {
            return createRoom(name, alias.substring(1, alias.indexOf(':')), invite);
        } catch (MatrixApiException e) {
            if (!"M_ROOM_IN_USE".equals(e.errcode())) {
                throw e;
            }
            return client.join(alias);
        }
    }

    /** Posts {@code text} (light Markdown, rendered as HTML) to {@code roomId}; returns the event id. */
    public String sendText(String roomId, String text) throws ConnectorException {
        return client.send(roomId, "m.room.message", Txn.base(null, text) + ".0",
                formatted(client.json(), "m.text", text));
    }

    /** The content of a message with a plain {@code body} and its HTML rendering. */
    static ObjectNode formatted(ObjectMapper json, String msgtype, String markdown) {
        ObjectNode content = json.createObjectNode()
                .put("msgtype", msgtype)
                .put("body", markdown)
                .put("format", "org.matrix.custom.html")
                .put("formatted_body", MatrixHtml.render(markdown));
        // Intentional mentions (spec v1.7): an empty m.mentions says "this pings nobody", which
        // turns off the legacy body rules, so agent text saying @room or a user id notifies no one.
        content.putObject("m.mentions");
        return content;
    }
}
