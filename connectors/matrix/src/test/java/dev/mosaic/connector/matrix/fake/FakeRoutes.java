package dev.mosaic.connector.matrix.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.connector.matrix.fake.FakeHomeserver.Answer;

import java.util.Arrays;
import java.util.Map;

/** The endpoints of {@link FakeHomeserver}; every method runs under the server's lock. */
final class FakeRoutes {

    private FakeRoutes() {
    }

    static Answer route(FakeHomeserver hs, String method, String[] seg, Map<String, String> query, String token,
                        JsonNode body) throws InterruptedException {
        synchronized (hs.lock()) {
            if (seg.length < 3 || !"_matrix".equals(seg[0]) || !"client".equals(seg[1])) {
                return hs.error(404, "M_UNRECOGNIZED", "unknown endpoint");
            }
            if ("versions".equals(seg[2]) && seg.length == 3) {
                ObjectNode v = hs.json.createObjectNode();
                v.putArray("versions").add("v1.1").add("v1.11");
                return new Answer(200, v);
            }
            if (!"v3".equals(seg[2])) {
                return hs.error(404, "M_UNRECOGNIZED", "unknown endpoint");
            }
            String[] p = Arrays.copyOfRange(seg, 3, seg.length);
            if (p.length == 1 && "login".equals(p[0]) && "POST".equals(method)) {
                return login(hs, body);
            }
            if (token == null) {
                return hs.error(401, "M_MISSING_TOKEN", "Missing access token");
            }
            String user = hs.userForToken(token);
            if (user == null) {
                ObjectNode e = hs.json.createObjectNode().put("errcode", "M_UNKNOWN_TOKEN")
                        .put("error", "Unrecognised access token").put("soft_logout", false);
                return new Answer(401, e);
            }
            return authed(hs, method, p, query, token, user, body);
        }
    }

    private static Answer authed(FakeHomeserver hs, String method, String[] p, Map<String, String> query,
                                 String token, String user, JsonNode body) throws InterruptedException {
        String m = method + " " + p[0] + "/" + p.length;
        switch (m) {
            case "GET account/2":
                return ok(hs.json.createObjectNode().put("user_id", user).put("device_id", "FAKEDEV"));
            case "POST user/3":
                if (!user.equals(p[1])) {
                    return hs.error(403, "M_FORBIDDEN", "cannot create filters for other users");
                }
                return ok(hs.json.createObjectNode().put("filter_id", hs.putFilter(body)));
            case "GET sync/1":
                Answer limited = hs.takeRateLimitedSync();
                if (limited != null) {
                    return limited;
                }
                if (hs.takeFailingSync()) {
                    return hs.error(500, "M_UNKNOWN", "Internal server error");
                }
                return FakeSync.sync(hs, user, query);
            case "POST join/2":
                return join(hs, user, p[1]);
            case "POST createRoom/1":
                return createRoom(hs, user, body);
            default:
                break;
        }
        if (p.length >= 3 && "rooms".equals(p[0])) {
            FakeRoom room = hs.rooms.get(p[1]);
            if (room == null) {
                return hs.error(404, "M_NOT_FOUND", "unknown room " + p[1]);
            }
            if (!"join".equals(room.membership(user))) {
                return hs.error(403, "M_FORBIDDEN", user + " is not in room " + p[1]);
            }
            if ("PUT".equals(method) && p.length == 5 && "send".equals(p[2])) {
                return send(hs, token, user, room, p[3], p[4], body);
            }
            if ("PUT".equals(method) && p.length == 4 && "typing".equals(p[2])) {
                hs.recordTyping(room.id, p[3]);
                return ok(hs.json.createObjectNode());
            }
            if ("POST".equals(method) && p.length == 5 && "receipt".equals(p[2])) {
                hs.recordReceipt(room.id, p[4]);
                return ok(hs.json.createObjectNode());
            }
            if ("GET".equals(method) && p.length == 3 && "joined_members".equals(p[2])) {
                ObjectNode r = hs.json.createObjectNode();
                ObjectNode joined = r.putObject("joined");
                room.joined().forEach(u -> joined.putObject(u).put("display_name", u.substring(1, u.indexOf(':'))));
                return ok(r);
            }
        }
        return hs.error(404, "M_UNRECOGNIZED", "unknown endpoint " + method + " /" + String.join("/", p));
    }

    private static Answer login(FakeHomeserver hs, JsonNode body) {
        if (!"m.login.password".equals(body.path("type").asText())) {
            return hs.error(400, "M_UNKNOWN", "only m.login.password");
        }
        String user = body.path("identifier").path("user").asText(body.path("user").asText(""));
        String r = hs.login(user, body.path("password").asText(null));
        if (r == null) {
            return hs.error(403, "M_FORBIDDEN", "Invalid username or password");
        }
        String[] ut = r.split("\n");
        return ok(hs.json.createObjectNode().put("user_id", ut[0]).put("access_token", ut[1])
                .put("device_id", "FAKEDEV"));
    }

    private static Answer join(FakeHomeserver hs, String user, String idOrAlias) {
        FakeRoom room = hs.roomOrAlias(idOrAlias);
        if (room == null) {
            return hs.error(404, "M_NOT_FOUND", "No known servers for " + idOrAlias);
        }
        String ms = room.membership(user);
        if (!"join".equals(ms)) {
            if (!"invite".equals(ms) && !room.publicJoin) {
                return hs.error(403, "M_FORBIDDEN", "You are not invited to this room.");
            }
            hs.append(room, "m.room.member", user, user, hs.json.createObjectNode().put("membership", "join"), null);
        }
        return ok(hs.json.createObjectNode().put("room_id", room.id));
    }

    private static Answer createRoom(FakeHomeserver hs, String user, JsonNode body) {
        if (body.path("room_alias_name").isTextual()
                && hs.roomOrAlias("#" + body.get("room_alias_name").asText() + ":" + FakeHomeserver.SERVER) != null) {
            return hs.error(400, "M_ROOM_IN_USE", "Room alias already taken");
        }
        FakeRoom room = hs.newRoom();
        hs.append(room, "m.room.member", user, user, hs.json.createObjectNode().put("membership", "join"), null);
        if (body.path("name").isTextual()) {
            hs.append(room, "m.room.name", user, "", hs.json.createObjectNode().put("name", body.get("name").asText()),
                    null);
        }
        if (body.path("room_alias_name").isTextual()) {
            hs.addAlias(room.id, body.get("room_alias_name").asText());
        }
        for (JsonNode invitee : body.path("invite")) {
            hs.append(room, "m.room.member", user, invitee.asText(),
                    hs.json.createObjectNode().put("membership", "invite"), null);
        }
        return ok(hs.json.createObjectNode().put("room_id", room.id));
    }

    private static Answer send(FakeHomeserver hs, String token, String user, FakeRoom room, String type, String txnId,
                               JsonNode body) {
        if (hs.takeRateLimit()) {
            return new Answer(429, hs.json.createObjectNode().put("errcode", "M_LIMIT_EXCEEDED")
                    .put("error", "Too Many Requests").put("retry_after_ms", hs.retryAfterMs()));
        }
        String existing = hs.txn(token, room.id, txnId);
        if (existing != null) {
            return ok(hs.json.createObjectNode().put("event_id", existing));
        }
        if (!body.isObject()) {
            return hs.error(400, "M_NOT_JSON", "content must be an object");
        }
        // A whole event (PDU) may be 65,536 bytes; sender, ids, hashes and signatures take ~1 KiB.
        if (body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 65_536 - 1_024) {
            return hs.error(413, "M_TOO_LARGE", "event too large");
        }
        FakeEvent e = hs.append(room, type, user, null, (ObjectNode) body, txnId);
        hs.rememberTxn(token, room.id, txnId, e.eventId());
        if (hs.takeLostAnswer()) {
            return hs.error(502, "M_UNKNOWN", "Bad Gateway");
        }
        return ok(hs.json.createObjectNode().put("event_id", e.eventId()));
    }

    static Answer ok(JsonNode body) {
        return new Answer(200, body);
    }

    /** The filter's {@code room.<section>.limit}, or {@code fallback}. */
    static int limit(JsonNode filter, String section, int fallback) {
        JsonNode l = filter == null ? null : filter.path("room").path(section).get("limit");
        return l != null && l.canConvertToInt() && l.asInt() > 0 ? l.asInt() : fallback;
    }

    static ArrayNode types(JsonNode filter, String section) {
        JsonNode t = filter == null ? null : filter.path("room").path(section).get("types");
        return t instanceof ArrayNode a ? a : null;
    }
}
