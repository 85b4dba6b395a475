package dev.mosaic.mos.app;

import dev.mosaic.fleet.roster.Principal;
import dev.mosaic.fleet.roster.Role;
import java.util.Objects;

/**
 * Who asks for an operation, as every front door identifies them.
 *
 * @param id how the audit log names them: {@code discord:1234}, {@code web:owner}, {@code cli:alice}
 * @param name a readable name (the roster principal's, the OS user's)
 * @param role what they may do
 */
public record Actor(String id, String name, Role role) {

    public Actor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    /** A roster principal acting on {@code platform} with their id {@code platformId} there. */
    public static Actor of(Principal who, String platform, String platformId) {
        return new Actor(platform + ":" + platformId, who.name(), who.role());
    }

    /**
     * A person at a terminal ({@code cli:<user>}) or a local client of the service: whoever can
     * run the CLI on this machine can edit the roster, so they act as admin.
     */
    public static Actor local(String id) {
        int colon = id.indexOf(':');
        return new Actor(id, colon < 0 ? id : id.substring(colon + 1), Role.ADMIN);
    }

    /** The platform part of the id ({@code discord}, {@code web}, {@code cli}). */
    public String platform() {
        int colon = id.indexOf(':');
        return colon < 0 ? id : id.substring(0, colon);
    }
}
