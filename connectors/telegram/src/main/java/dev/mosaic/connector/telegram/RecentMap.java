package dev.mosaic.connector.telegram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded, thread-safe map that forgets its oldest entries: the HTML of messages Mos sent (to
 * edit them when a button is pressed) and the button presses waiting for their outcome.
 */
final class RecentMap<K, V> {

    private final Map<K, V> map;

    RecentMap(int capacity) {
        this.map = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void put(K key, V value) {
        map.put(key, value);
    }

    synchronized Optional<V> get(K key) {
        return Optional.ofNullable(map.get(key));
    }

    synchronized Optional<V> remove(K key) {
        return Optional.ofNullable(map.remove(key));
    }
}
