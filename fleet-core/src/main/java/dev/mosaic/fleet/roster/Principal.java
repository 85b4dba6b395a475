package dev.mosaic.fleet.roster;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A person (or bot) allowed to command Mos, matched by immutable platform ids only.
 *
 * @param name the principal's key under {@code principals:}
 * @param role what they may do
 * @param ids platform type to immutable user id, e.g. {@code discord -> "1234..."},
 *     {@code matrix -> "@owner:localhost"}, {@code web -> "owner"}
 */
public record Principal(String name, Role role, Map<String, String> ids) {

    public Principal {
        Names.require("principal", name);
        Objects.requireNonNull(role, "role");
        ids = Map.copyOf(ids);
    }

    public Optional<String> idOn(String platform) {
        return Optional.ofNullable(ids.get(platform));
    }
}
