package dev.mosaic.mos.web;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.app.Application;
import dev.mosaic.mos.app.Verb;
import java.util.Optional;

/**
 * Who may read pane content (the screen route, the pane stream): whoever may run chat's
 * {@code tail}. Reading a pane is a tail, so it is authorized by the application's one check with
 * the role {@link Verb#TAIL} defines: chat and the web cannot disagree, and a viewer hears the
 * same refusal on both.
 */
final class PaneAccess {

    private PaneAccess() {
    }

    /** @throws MosaicException kind forbidden (403) when {@code caller} may not read panes */
    static void require(Application app, Caller caller) {
        app.authorize(caller.asActor(), Verb.TAIL.minRole(), Verb.TAIL.word());
    }

    /** The refusal {@code caller} would get, or empty when they may read panes (for the page). */
    static Optional<String> refusal(Application app, Caller caller) {
        try {
            require(app, caller);
            return Optional.empty();
        } catch (MosaicException e) {
            return Optional.of(e.getMessage());
        }
    }
}
