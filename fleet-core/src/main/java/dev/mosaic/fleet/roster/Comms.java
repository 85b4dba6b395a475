package dev.mosaic.fleet.roster;

import java.util.Locale;

/** How agents receive messages: straight into their tmux pane, or through Matrix rooms. */
public enum Comms {
    TMUX, MATRIX;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Comms parse(String value) {
        for (Comms c : values()) {
            if (c.key().equals(value)) {
                return c;
            }
        }
        throw new RosterException("comms '" + value + "' is unknown: use tmux or matrix");
    }
}
