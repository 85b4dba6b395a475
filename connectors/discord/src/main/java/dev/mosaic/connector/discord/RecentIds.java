package dev.mosaic.connector.discord;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded set of recently seen ids. Discord replays events after a RESUME and may replay one
 * the bot already handled; remembering the last few thousand ids keeps every message delivered once.
 */
final class RecentIds {

    private final Map<String, Boolean> ids;

    RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records {@code id}; returns false when it was already seen. */
    synchronized boolean add(String id) {
        return ids.put(id, Boolean.TRUE) == null;
    }

    synchronized boolean contains(String id) {
        return ids.containsKey(id);
    }
}
