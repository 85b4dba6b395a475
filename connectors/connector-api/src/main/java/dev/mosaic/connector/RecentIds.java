package dev.mosaic.connector;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * For connectors: a bounded set of recently seen platform ids. Platforms redeliver (Discord
 * replays events after a RESUME, Slack retries an envelope whose ack it missed, Telegram repeats
 * an update after a poll error); remembering the last few thousand ids delivers each message once.
 */
public final class RecentIds {

    private final Map<String, Boolean> ids;

    /** @param capacity how many ids to remember; the oldest is forgotten first */
    public RecentIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.ids = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records {@code id}; returns false when it was already seen. */
    public synchronized boolean add(String id) {
        return ids.put(id, Boolean.TRUE) == null;
    }

    /** Whether {@code id} was seen (and not yet forgotten). */
    public synchronized boolean contains(String id) {
        return ids.containsKey(id);
    }
}
