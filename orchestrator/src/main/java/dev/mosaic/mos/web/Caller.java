package dev.mosaic.mos.web;

import dev.mosaic.fleet.roster.Principal;
import dev.mosaic.fleet.roster.Role;

/**
 * The authenticated person behind a request.
 *
 * @param webId their {@code web} id in the roster's {@code principals:}
 * @param principal the roster principal (name and role)
 */
public record Caller(String webId, Principal principal) {

    /** How the audit log names them: {@code web:<id>}. */
    public String actor() {
        return "web:" + webId;
    }

    /** Refuses with 403 unless the caller's role includes {@code needed}. */
    public void require(Role needed, String what) {
        if (!principal.role().includes(needed)) {
            throw WebException.forbidden("forbidden", what + " needs the " + needed.key() + " role; "
                    + principal.name() + " is " + principal.role().key());
        }
    }
}
