package dev.mosaic.mos.web;

import dev.mosaic.fleet.roster.Principal;
import dev.mosaic.mos.app.Actor;

/**
 * The authenticated person behind a request.
 *
 * @param webId their {@code web} id in the roster's {@code principals:}
 * @param principal the roster principal (name and role)
 */
record Caller(String webId, Principal principal) {

    /** How the audit log names them: {@code web:<id>}. */
    public String actor() {
        return "web:" + webId;
    }

    /** The caller as the application layer knows them (its authorization answers 403 through kinds). */
    public Actor asActor() {
        return Actor.of(principal, WebAuth.PLATFORM, webId);
    }
}
