package dev.mosaic.connector.matrix.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.connector.matrix.fake.FakeHomeserver.Answer;

import java.util.Map;

/**
 * {@code GET /sync} of the fake: since tokens are stream positions ({@code s42}); a poll with
 * nothing new waits on the server's lock until an event arrives or {@code timeout} passes.
 */
final class FakeSync {

    private static final int INITIAL_TIMELINE = 20;
    /** Synapse's timeline limit when the filter names none. */
    private static final int DEFAULT_LIMIT = 10;

    private FakeSync() {
    }

    static Answer sync(FakeHomeserver hs, String user, Map<String, String> query) throws InterruptedException {
        String since = query.get("since");
        long from;
        if (since == null) {
            from = -1;
        } else if (since.matches("s\\d+")) {
            from = Long.parseLong(since.substring(1));
        } else {
            return hs.error(400, "M_INVALID_PARAM", "bad since token " + since);
        }
        long timeout = Long.parseLong(query.getOrDefault("timeout", "0"));
        JsonNode filter = hs.filter(query.get("filter"));
        long deadline = System.currentTimeMillis() + timeout;
        long generation = hs.syncGeneration();
        hs.pendingSyncs(+1);
        try {
            while (true) {
                if (hs.syncGeneration() != generation) {
                    return hs.error(502, "M_UNKNOWN", "Bad Gateway");
                }
                ObjectNode r = build(hs, user, from, filter);
                long left = deadline - System.currentTimeMillis();
                if (r.path("rooms").size() > 0 || left <= 0 || from < 0) {
                    return FakeRoutes.ok(r);
                }
                hs.waitForEvents(left);
            }
        } finally {
            hs.pendingSyncs(-1);
        }
    }

    private static ObjectNode build(FakeHomeserver hs, String user, long from, JsonNode filter) {
        ObjectNode r = hs.json.createObjectNode().put("next_batch", "s" + hs.position());
        ObjectNode rooms = hs.json.createObjectNode();
        ObjectNode join = hs.json.createObjectNode();
        ObjectNode invite = hs.json.createObjectNode();
        ArrayNode timelineTypes = FakeRoutes.types(filter, "timeline");
        ArrayNode stateTypes = FakeRoutes.types(filter, "state");
        for (FakeRoom room : hs.rooms.values()) {
            String ms = room.membership(user);
            FakeEvent memberEvent = room.members.get(user);
            if ("join".equals(ms)) {
                ArrayNode timeline = hs.json.createArrayNode();
                var fresh = room.events.stream().filter(e -> e.position() > from)
                        .filter(e -> allowed(timelineTypes, e.type())).toList();
                // as a real server: at most the filter's limit of the newest events; more is a gap
                int limit = from < 0 ? INITIAL_TIMELINE : FakeRoutes.limit(filter, "timeline", DEFAULT_LIMIT);
                int skip = Math.max(0, fresh.size() - limit);
                fresh.stream().skip(skip).forEach(e -> timeline.add(event(hs, e, false)));
                boolean newlyJoined = from < 0 || memberEvent.position() > from;
                if (timeline.isEmpty() && !newlyJoined) {
                    continue;
                }
                ObjectNode jr = join.putObject(room.id);
                ArrayNode state = jr.putObject("state").putArray("events");
                if (newlyJoined) {
                    room.state.values().stream().filter(e -> allowed(stateTypes, e.type()))
                            .forEach(e -> state.add(event(hs, e, false)));
                }
                ObjectNode tl = jr.putObject("timeline").put("limited", skip > 0);
                tl.set("events", timeline);
                if (skip > 0) {
                    // where a client would page back from with /messages to fill the gap
                    tl.put("prev_batch", "s" + (fresh.get(skip).position() - 1));
                }
                jr.putObject("summary").put("m.joined_member_count", room.joined().size());
            } else if ("invite".equals(ms) && memberEvent.position() > from) {
                ArrayNode st = invite.putObject(room.id).putObject("invite_state").putArray("events");
                room.state.values().stream().filter(e -> !"m.room.member".equals(e.type()) || e == memberEvent)
                        .forEach(e -> st.add(event(hs, e, true)));
            }
        }
        if (join.size() > 0) {
            rooms.set("join", join);
        }
        if (invite.size() > 0) {
            rooms.set("invite", invite);
        }
        if (rooms.size() > 0) {
            r.set("rooms", rooms);
        }
        return r;
    }

    private static boolean allowed(ArrayNode types, String type) {
        if (types == null) {
            return true;
        }
        for (JsonNode t : types) {
            if (t.asText().equals(type)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode event(FakeHomeserver hs, FakeEvent e, boolean stripped) {
        ObjectNode n = hs.json.createObjectNode().put("type", e.type()).put("sender", e.sender());
        if (e.stateKey() != null) {
            n.put("state_key", e.stateKey());
        }
        n.set("content", e.content());
        if (!stripped) {
            n.put("event_id", e.eventId()).put("origin_server_ts", e.originServerTs()).put("room_id", e.roomId());
        }
        return n;
    }
}
