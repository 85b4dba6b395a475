package dev.mosaic.fleet.heartbeat;

import java.time.Duration;
import java.time.Instant;

/**
 * One agent's last heartbeat as read from {@code <runDir>/<agent>.heartbeat}.
 *
 * @param health healthy, stale or unknown
 * @param ts the beat's timestamp, or {@code null} when unknown
 * @param age how old the beat is at read time, or {@code null} when unknown
 * @param pid the {@code pid=} value, or {@code null}
 * @param status the {@code status=} word, or {@code null}
 * @param activity the {@code activity=} word of a native beat (idle, working, waiting), or {@code null}
 */
public record Heartbeat(Health health, Instant ts, Duration age, Long pid, String status, String activity) {

    public static Heartbeat unknown() {
        return new Heartbeat(Health.UNKNOWN, null, null, null, null, null);
    }
}
