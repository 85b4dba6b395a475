package dev.mosaic.connector.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.connector.ConnectorException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The subset of the Matrix Client-Server API (v3) Mos needs, on {@link HttpClient} and Jackson.
 *
 * <p>The access token travels only in the {@code Authorization} header, so error messages (which
 * name the method and path) never contain it. Calls that change something ({@link #send},
 * {@link #join}, ...) retry rate limits ({@code 429 M_LIMIT_EXCEEDED}, honouring
 * {@code retry_after_ms}) and transient failures with {@link Backoff}; {@link #sync} does not, the
 * sync loop owns that decision.
 */
final class MatrixClient {

    static final String PREFIX = "/_matrix/client/v3";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_ATTEMPTS = 6;

    private final URI homeserver;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Backoff backoff;
    private final Backoff.Sleeper sleeper;
    private volatile String token;

    MatrixClient(URI homeserver, String token, HttpClient http, ObjectMapper json, Backoff backoff,
                 Backoff.Sleeper sleeper) {
        this.homeserver = Objects.requireNonNull(homeserver, "homeserver");
        this.token = token;
        this.http = http;
        this.json = json;
        this.backoff = backoff;
        this.sleeper = sleeper;
    }

    ObjectMapper json() {
        return json;
    }

    /** {@code GET /_matrix/client/versions}: proves the URL points at a Matrix homeserver. */
    JsonNode versions() throws ConnectorException {
        return once("GET", "/_matrix/client/versions", null, CALL_TIMEOUT, false);
    }

    /** {@code POST /login} with {@code m.login.password}; the returned token is used from then on. */
    String login(String user, String password) throws ConnectorException {
        ObjectNode body = json.createObjectNode().put("type", "m.login.password");
        body.putObject("identifier").put("type", "m.id.user").put("user", user);
        body.put("password", password).put("initial_device_display_name", "Mos");
        JsonNode r;
        try {
            r = withRetry("POST", PREFIX + "/login", body, false);
        } catch (MatrixApiException e) {
            if (e.status() == 403) { // M_FORBIDDEN: wrong user or password; retrying cannot help
                throw new ConnectorException("the homeserver rejected the password of " + user
                        + " (connectors.matrix.password): " + e.errcode(), true, e);
            }
            throw e;
        }
        this.token = text(r, "access_token", "POST /login");
        return text(r, "user_id", "POST /login");
    }

    /** {@code GET /account/whoami}: the user id the token belongs to (401 when it is rejected). */
    String whoami() throws ConnectorException {
        return text(once("GET", PREFIX + "/account/whoami", null, CALL_TIMEOUT, true), "user_id",
                "GET /account/whoami");
    }

    /** {@code POST /user/{userId}/filter}: uploads a sync filter and returns its id. */
    String createFilter(String userId, JsonNode filter) throws ConnectorException {
        return text(withRetry("POST", PREFIX + "/user/" + seg(userId) + "/filter", filter, true), "filter_id",
                "POST /user/{userId}/filter");
    }

    /** One {@code GET /sync} long poll; {@code since} may be {@code null} for the first sync. */
    JsonNode sync(String since, Duration timeout, String filterId) throws ConnectorException {
        StringBuilder q = new StringBuilder(PREFIX).append("/sync?timeout=").append(timeout.toMillis());
        if (since != null) {
            q.append("&since=").append(URLEncoder.encode(since, StandardCharsets.UTF_8));
        }
        if (filterId != null) {
            q.append("&filter=").append(URLEncoder.encode(filterId, StandardCharsets.UTF_8));
        }
        return once("GET", q.toString(), null, timeout.plus(CALL_TIMEOUT), true);
    }

    /** {@code PUT /rooms/{roomId}/send/{type}/{txnId}}; the same txnId never makes a second event. */
    String send(String roomId, String eventType, String txnId, JsonNode content) throws ConnectorException {
        String path = PREFIX + "/rooms/" + seg(roomId) + "/send/" + seg(eventType) + "/" + seg(txnId);
        return text(withRetry("PUT", path, content, true), "event_id", "PUT /rooms/{roomId}/send");
    }

    /** {@code POST /join/{roomIdOrAlias}}: joins (or accepts an invite) and returns the room id. */
    String join(String roomIdOrAlias) throws ConnectorException {
        return text(withRetry("POST", PREFIX + "/join/" + seg(roomIdOrAlias), json.createObjectNode(), true),
                "room_id", "POST /join/" + roomIdOrAlias);
    }

    /** {@code PUT /rooms/{roomId}/typing/{userId}}. */
    void typing(String roomId, String userId, Duration timeout) throws ConnectorException {
        ObjectNode body = json.createObjectNode().put("typing", true).put("timeout", timeout.toMillis());
        withRetry("PUT", PREFIX + "/rooms/" + seg(roomId) + "/typing/" + seg(userId), body, true);
    }

    /** {@code POST /rooms/{roomId}/receipt/m.read/{eventId}}. */
    void readReceipt(String roomId, String eventId) throws ConnectorException {
        withRetry("POST", PREFIX + "/rooms/" + seg(roomId) + "/receipt/m.read/" + seg(eventId),
                json.createObjectNode(), true);
    }

    /** {@code GET /rooms/{roomId}/joined_members}: the ids of the room's joined members. */
    Set<String> joinedMembers(String roomId) throws ConnectorException {
        JsonNode r = withRetry("GET", PREFIX + "/rooms/" + seg(roomId) + "/joined_members", null, true);
        Set<String> ids = new LinkedHashSet<>();
        r.path("joined").fieldNames().forEachRemaining(ids::add);
        return ids;
    }

    /** {@code POST /createRoom}: returns the new room's id. */
    String createRoom(JsonNode body) throws ConnectorException {
        return text(withRetry("POST", PREFIX + "/createRoom", body, true), "room_id", "POST /createRoom");
    }

    private JsonNode withRetry(String method, String path, JsonNode body, boolean auth) throws ConnectorException {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(method, path, body, CALL_TIMEOUT, auth);
            } catch (MatrixApiException e) {
                if (!e.retryable() || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                pause(e.retryAfter() != null ? e.retryAfter() : backoff.delay(attempt));
            } catch (ConnectorException e) {
                if (e.permanent() || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                pause(backoff.delay(attempt));
            }
        }
    }

    private void pause(Duration d) throws ConnectorException {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted while waiting to retry a Matrix call", e);
        }
    }

    private JsonNode once(String method, String pathAndQuery, JsonNode body, Duration timeout, boolean auth)
            throws ConnectorException {
        String endpoint = method + " " + stripQuery(pathAndQuery);
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(homeserver + pathAndQuery))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (auth) {
            String t = token;
            if (t == null) {
                throw new ConnectorException(endpoint + " needs an access token, but none is set", true);
            }
            rb.header("Authorization", "Bearer " + t);
        }
        try {
            if (body != null) {
                rb.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            } else {
                rb.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> resp = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode parsed = parse(resp.body());
            if (resp.statusCode() / 100 == 2) {
                return parsed;
            }
            throw error(endpoint, resp, parsed);
        } catch (IOException e) {
            throw new ConnectorException(endpoint + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(endpoint + " interrupted", e);
        }
    }

    private MatrixApiException error(String endpoint, HttpResponse<byte[]> resp, JsonNode parsed) {
        String errcode = parsed.path("errcode").isTextual() ? parsed.get("errcode").asText() : null;
        String error = parsed.path("error").isTextual() ? parsed.get("error").asText() : null;
        Duration retryAfter = null;
        if (resp.statusCode() == 429 || "M_LIMIT_EXCEEDED".equals(errcode)) {
            if (parsed.path("retry_after_ms").canConvertToLong()) {
                retryAfter = Duration.ofMillis(parsed.get("retry_after_ms").asLong());
            } else {
                retryAfter = resp.headers().firstValue("Retry-After")
                        .flatMap(MatrixClient::seconds).orElse(null);
            }
        }
        return new MatrixApiException(endpoint, resp.statusCode(), errcode, error, retryAfter);
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode(); // a proxy's HTML error page: the status code says enough
        }
    }

    private static String text(JsonNode node, String field, String endpoint) throws ConnectorException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new ConnectorException(endpoint + " answered without '" + field + "'", false);
        }
        return v.asText();
    }

    private static String stripQuery(String p) {
        int q = p.indexOf('?');
        return q < 0 ? p : p.substring(0, q);
    }

    /** Percent-encodes one path segment ({@code !room:server}, {@code $event}, {@code @user:server}). */
    static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
