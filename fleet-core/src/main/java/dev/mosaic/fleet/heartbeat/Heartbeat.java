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
 * @param activity the {@code activity=} word of a native beat (see {@link HeartbeatFiles#ACTIVITIES}), or {@code null}
 * @param since when the current activity began ({@code since=}), or {@code null}
 * @param model the model the harness reported it uses ({@code model=}), or {@code null}
 * @param nativeBeat true when the harness itself wrote the beat ({@code native_ts=})
 */
public record Heartbeat(Health health, Instant ts, Duration age, Long pid, String status, String activity,
                        Instant since, String model, boolean nativeBeat) {

    public Heartbeat(Health health, Instant ts, Duration age, Long pid, String status, String activity) {
        this(health, ts, age, pid, status, activity, null, null, false);
    }

    public static Heartbeat unknown() {
        return new Heartbeat(Health.UNKNOWN, null, null, null, null, null);
    }

    /** The same beat with another health (a harness parked on a dialog, a stopped process). */
    public Heartbeat withHealth(Health h) {
        return new Heartbeat(h, ts, age, pid, status, activity, since, model, nativeBeat);
    }

    /** The same beat with another activity (the screen's reading when the harness has not reported). */
    public Heartbeat withActivity(String a, Instant from) {
        return new Heartbeat(health, ts, age, pid, status, a, from, model, nativeBeat);
    }

    /** True while the harness waits for a person (an approval or an answer). */
    public boolean waiting() {
        return activity != null && activity.startsWith("waiting");
    }
}
