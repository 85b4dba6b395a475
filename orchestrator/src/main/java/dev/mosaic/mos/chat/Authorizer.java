package dev.mosaic.mos.chat;

import dev.mosaic.mos.app.Application;
import dev.mosaic.connector.Sender;
import dev.mosaic.fleet.roster.Principal;
import dev.mosaic.fleet.roster.Role;
import dev.mosaic.fleet.roster.Roster;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides who may do what, failing closed. A sender is known only when the roster's
 * {@code principals:} list their immutable platform id; display names never count. The roster is
 * read on every call, so an admin's edit takes effect at the next message.
 */
public final class Authorizer {

    private final Supplier<Roster> roster;

    public Authorizer(Supplier<Roster> roster) {
        this.roster = Objects.requireNonNull(roster, "roster");
    }

    /** The principal whose id on the sender's platform is the sender's id, if any. */
    public Optional<Principal> identify(Sender sender) {
        return Optional.ofNullable(roster.get().principalsOn(sender.platform()).get(sender.id()));
    }

    /** Free text drives the orchestrator agent, which can do anything an operator can. */
    public boolean mayTalkToOrchestrator(Principal who) {
        return who.role().includes(Role.OPERATOR);
    }

    /** The reply to a sender Mos does not know: their id, so an admin can add them. */
    public static String unknownSenderReply(Sender sender) {
        return "I don't know you. Your " + sender.platform() + " id is " + sender.id()
                + "; an admin can add you under principals: in the roster.";
    }

    /** "a viewer", "an operator", "an admin". */
    static String article(Role role) {
        return Application.article(role);
    }
}
