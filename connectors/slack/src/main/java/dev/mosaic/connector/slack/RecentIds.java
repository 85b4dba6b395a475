package dev.mosaic.connector.slack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded set of recently seen ids. Slack retries an envelope whose ack it did not get (one
 * sent in the moment of a {@code disconnect} refresh is lost) and may deliver one message as both
 * {@code message} and {@code app_mention}: remembering the last few thousand ids keeps every
 * message delivered once.
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
