package dev.mosaic.connector.matrix;

import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorException;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The validated configuration of one Matrix connector.
 *
 * @param homeserver base URL of the homeserver, e.g. {@code http://127.0.0.1:8008}
 * @param userId the bot's full Matrix id, e.g. {@code @mos:localhost}
 * @param token an access token, or {@code null} when {@code password} is used
 * @param password the bot's password for {@code m.login.password}, or {@code null}
 * @param rooms room ids ({@code !id:server}) or aliases ({@code #name:server}) to join and watch
 * @param autoJoinFrom user ids whose invites the bot accepts (the service fills it with principals)
 * @param prefix the command prefix, shown in docs and the init wizard; the service checks it
 * @param syncTimeout how long one {@code /sync} long poll may wait on the server
 */
public record MatrixSettings(URI homeserver, String userId, String token, String password, List<String> rooms,
                             List<String> autoJoinFrom, String prefix, Duration syncTimeout) {

    public MatrixSettings {
        Objects.requireNonNull(homeserver, "homeserver");
        Objects.requireNonNull(userId, "userId");
        rooms = List.copyOf(rooms);
        autoJoinFrom = List.copyOf(autoJoinFrom);
        prefix = prefix == null || prefix.isBlank() ? "!mos" : prefix;
        syncTimeout = syncTimeout == null ? Duration.ofSeconds(30) : syncTimeout;
        if (token == null && password == null) {
            throw new IllegalArgumentException("either token or password is required");
        }
    }

    /** Reads and validates the roster block; every error names the {@code connectors.matrix.*} key. */
    public static MatrixSettings from(ConnectorConfig config) throws ConnectorException {
        String type = config.type();
        String hs = config.require("homeserver");
        URI homeserver;
        try {
            homeserver = URI.create(hs.endsWith("/") ? hs.substring(0, hs.length() - 1) : hs);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException("connectors." + type + ".homeserver is not a URL: '" + hs + "'", true);
        }
        if (!"http".equals(homeserver.getScheme()) && !"https".equals(homeserver.getScheme())
                || homeserver.getHost() == null) {
            throw new ConnectorException("connectors." + type + ".homeserver must be an http(s) URL, was '" + hs + "'",
                    true);
        }
        String userId = config.require("userId");
        if (!userId.matches("@[^:\\s]+:\\S+")) {
            throw new ConnectorException("connectors." + type + ".userId must look like @name:server, was '"
                    + userId + "'", true);
        }
        String token = config.get("token").orElse(null);
        String password = config.get("password").orElse(null);
        if (token == null && password == null) {
            throw new ConnectorException("connectors." + type + ".token (or .password) is required but not set", true);
        }
        List<String> rooms = new ArrayList<>(config.list("rooms"));
        for (String r : config.list("room")) {
            if (!rooms.contains(r)) {
                rooms.add(r);
            }
        }
        for (String r : rooms) {
            if (!r.matches("[!#][^:\\s]+:\\S+")) {
                throw new ConnectorException("connectors." + type + ".rooms: '" + r
                        + "' is neither a room id (!id:server) nor an alias (#name:server)", true);
            }
        }
        return new MatrixSettings(homeserver, userId, token, password, rooms, config.list("autoJoinFrom"),
                config.get("prefix").orElse(null), null);
    }

    /** A copy with another long-poll timeout (tests use a short one so close() is quick). */
    public MatrixSettings withSyncTimeout(Duration timeout) {
        return new MatrixSettings(homeserver, userId, token, password, rooms, autoJoinFrom, prefix, timeout);
    }

    /** The local part of {@link #userId}: {@code mos} for {@code @mos:localhost}. */
    public String localpart() {
        return userId.substring(1, userId.indexOf(':'));
    }

    /** Never prints the token or password. */
    @Override
    public String toString() {
        return "MatrixSettings[homeserver=" + homeserver + ", userId=" + userId + ", rooms=" + rooms + "]";
    }
}
