package dev.mosaic.mos.service;

import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.mos.app.AuditTrail;
import dev.mosaic.fleet.roster.Names;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.mos.chat.Redactor;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What {@code mosaic mos say} does inside the service: finds the conversation (the one that last
 * addressed the agent, or an explicit one), redacts secret-looking text, posts it through that
 * platform's connector and audits it. Other agents' words are labelled with their name; the
 * orchestrator speaks as Mos.
 */
final class AgentReplies {

    private static final int MAX_TEXT = 64 * 1024;

    private final Supplier<Roster> roster;
    private final ConversationTracker tracker;
    private final ConnectorSupervisor connectors;
    private final AuditTrail audit;
    private final Function<String, Optional<Conversation>> ownRoom;

    /** @param ownRoom an agent's own room in comms mode matrix (where its {@code say} goes without --to) */
    AgentReplies(Supplier<Roster> roster, ConversationTracker tracker, ConnectorSupervisor connectors, AuditTrail audit,
                 Function<String, Optional<Conversation>> ownRoom) {
        this.ownRoom = Objects.requireNonNull(ownRoom, "ownRoom");
        this.roster = Objects.requireNonNull(roster, "roster");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.connectors = Objects.requireNonNull(connectors, "connectors");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** Posts {@code text} for {@code agent}; returns the conversation key. */
    String say(String agent, String to, String text) {
        if (!Names.isValid(agent)) {
            throw new ServiceException("'" + agent + "' is not an agent name; run 'mos say' from an agent (it sets"
                    + " MOSAIC_AGENT_NAME) or pass --as NAME");
        }
        Roster r = roster.get();
        if (r.agent(agent).isEmpty()) {
            throw new ServiceException("agent '" + agent + "' is not in the roster" + (r.source() != null
                    ? " (" + r.source() + ")" : ""));
        }
        if (text == null || text.isBlank()) {
            throw new ServiceException("nothing to say: the text is empty");
        }
        if (text.length() > MAX_TEXT) {
            throw new ServiceException("the text is " + text.length() + " characters; the limit is " + MAX_TEXT);
        }
        Optional<Conversation> room = to == null ? ownRoom.apply(agent) : Optional.empty();
        Conversation c = room.isPresent() ? room.get() : to == null ? tracker.lastFor(agent).orElseThrow(() -> new ServiceException(
                "no conversation has addressed agent '" + agent + "' yet, so Mos does not know where to post;"
                        + " pass --to CONVERSATION (e.g. discord:1517622518662434996)"))
                : tracker.byKey(to).orElseGet(() -> parse(to));
        String body = Redactor.redact(text.strip());
        if (!r.isOrchestrator(agent)) {
            body = "**" + agent + "**: " + body;
        }
        String result = "ok";
        try {
            connectors.send(OutboundMessage.to(c, body));
            return c.key();
        } catch (ConnectorException e) {
            result = "failed: " + e.getMessage();
            throw new ServiceException("could not post to " + c.key() + ": " + e.getMessage(), e);
        } finally {
            audit.record("agent:" + agent, "mos.say", c.key(), result, Map.of("chars", body.length()));
        }
    }

    /** {@code platform:id[/thread]}, as printed by {@link Conversation#key()}. */
    static Conversation parse(String key) {
        int colon = key.indexOf(':');
        if (colon < 1 || colon == key.length() - 1) {
            throw new ServiceException("'" + key + "' is not a conversation; use PLATFORM:ID, e.g. discord:1517622518662434996");
        }
        String platform = key.substring(0, colon);
        String rest = key.substring(colon + 1);
        int slash = rest.indexOf('/');
        return slash < 0 ? new Conversation(platform, rest, null, false)
                : new Conversation(platform, rest.substring(0, slash), rest.substring(slash + 1), false);
    }
}
