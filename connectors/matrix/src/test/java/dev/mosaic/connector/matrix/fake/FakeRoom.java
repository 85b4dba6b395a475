package dev.mosaic.connector.matrix.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fake homeserver's view of one room; guarded by the server's lock. */
final class FakeRoom {

    final String id;
    final List<FakeEvent> events = new ArrayList<>();
    /** user id → latest membership event. */
    final Map<String, FakeEvent> members = new LinkedHashMap<>();
    /** Latest state event per "type\0stateKey". */
    final Map<String, FakeEvent> state = new LinkedHashMap<>();
    boolean publicJoin;

    FakeRoom(String id) {
        this.id = id;
    }

    String membership(String userId) {
        FakeEvent e = members.get(userId);
        return e == null ? "leave" : e.content().path("membership").asText("leave");
    }

    List<String> joined() {
        return members.keySet().stream().filter(u -> "join".equals(membership(u))).toList();
    }

    void add(FakeEvent e) {
        events.add(e);
        if (e.stateKey() != null) {
            state.put(e.type() + "\0" + e.stateKey(), e);
            if ("m.room.member".equals(e.type())) {
                members.put(e.stateKey(), e);
            }
        }
    }
}
