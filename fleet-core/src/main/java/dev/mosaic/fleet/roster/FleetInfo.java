package dev.mosaic.fleet.roster;

import java.util.Objects;

/**
 * The {@code fleet:} block.
 *
 * @param name the fleet name (also the default tenant in {@code ps --json})
 * @param type the preset it was created from: general, coding, research, hybrid, demo, or a user preset
 * @param comms how agents receive messages
 */
public record FleetInfo(String name, String type, Comms comms) {

    public FleetInfo {
        Names.require("fleet", name);
        Objects.requireNonNull(type, "type");
        comms = comms == null ? Comms.TMUX : comms;
    }
}
