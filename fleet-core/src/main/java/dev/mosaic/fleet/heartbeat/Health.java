package dev.mosaic.fleet.heartbeat;

import java.util.Locale;

/** Heartbeat health per the seed contract. */
public enum Health {
    /** The last beat is at most 3 x interval old. */
    HEALTHY,
    /** The last beat is older than 3 x interval. */
    STALE,
    /** No heartbeat file, or no parsable {@code ts=}. */
    UNKNOWN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
