package dev.mosaic.fleet.roster;

import java.util.Locale;

/** What a principal may do: each role includes the ones before it. */
public enum Role {
    /** Read verbs: help, ps, status, whoami. */
    VIEWER,
    /** Plus send, start, stop, restart, tail. */
    OPERATOR,
    /** Plus add, remove, comms, update. */
    ADMIN;

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String value) {
        for (Role r : values()) {
            if (r.key().equals(value)) {
                return r;
            }
        }
        throw new RosterException("role '" + value + "' is unknown: use viewer, operator or admin");
    }
}
