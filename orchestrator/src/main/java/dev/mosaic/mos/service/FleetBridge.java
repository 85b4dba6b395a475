package dev.mosaic.mos.service;

import dev.mosaic.connector.Acknowledger;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.ps.SendResult;
import dev.mosaic.fleet.roster.Principal;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.mos.chat.CommandParser;
import dev.mosaic.mos.chat.OrchestratorBridge;
import dev.mosaic.mos.chat.ParsedMessage;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands free text for Mos to the orchestrator agent's terminal, prefixed with who said it and
 * where ({@code [discord #1517… alice(operator)] text}), and remembers the conversation so the agent's
 * {@code mosaic mos say} answer goes back there.
 *
 * <p>The person sees progress at once: the router marks the message RECEIVED on platforms with
 * reactions/receipts; elsewhere this bridge replies "→ passed to mos" once the text is in the
 * pane. Delivery is verified (the pane shows the text) before the router marks it DONE; when it
 * fails the router marks it FAILED and relays the reason.
 */
final class FleetBridge implements OrchestratorBridge {

    private static final Logger LOG = LoggerFactory.getLogger(FleetBridge.class);
    private static final int MAX_ID = 8;

    private final Supplier<Roster> roster;
    private final Fleet fleet;
    private final ConversationTracker tracker;
    private final Function<String, Optional<Connector>> connectors;
    private final CommandParser parser;
    private final PendingQuestions questions;

    /**
     * @param prefix the chat command prefix (e.g. {@code !mos}), removed before the text is typed
     * @param connectors the live connector of a platform, for the "passed to" notice
     * @param questions agents' questions relayed to a conversation: its next free text answers them
     */
    public FleetBridge(Supplier<Roster> roster, Fleet fleet, ConversationTracker tracker, String prefix,
                       Function<String, Optional<Connector>> connectors, PendingQuestions questions) {
        this.questions = Objects.requireNonNull(questions, "questions");
        this.parser = new CommandParser(Objects.requireNonNull(prefix, "prefix"));
        this.roster = Objects.requireNonNull(roster, "roster");
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.connectors = Objects.requireNonNull(connectors, "connectors");
    }

    @Override
    public void forward(InboundMessage message, Principal who) {
        deliver(message, who);
    }

    @Override
    public String deliver(InboundMessage message, Principal who) {
        // the agent gets what the person meant for it: without the "!mos" that addressed Mos
        String text = parser.parse(message) instanceof ParsedMessage.FreeText t ? t.text() : message.text();
        Optional<String> asking = questions.take(message.conversation());
        if (asking.isPresent()) {
            // the reply to a question Mos relayed here is that agent's answer, typed into its dialog
            String agent = asking.get();
            fleet.answerQuestion(agent, text);
            questions.answered(agent);
            tracker.remember(agent, message.conversation());
            notice(message, "→ answered " + agent + "'s question");
            return agent;
        }
        String agent = roster.get().orchestrator().agent().name();
        tracker.remember(agent, message.conversation());
        SendResult r = fleet.send(agent, label(message, who) + continued(text));
        if (!r.delivered()) {
            throw new ServiceException("the orchestrator agent '" + agent + "' did not show the message in its"
                    + " terminal; is it busy or stuck? (mosaic fleet agent tail " + agent + ")");
        }
        // only now: a "passed" notice before delivery was followed by "That failed" when it was not
        notice(message, "→ passed to " + agent);
        return agent;
    }

    /** Progress for platforms without reactions or receipts (those show it on the message). */
    private void notice(InboundMessage message, String text) {
        Optional<Connector> c = connectors.apply(message.conversation().platform());
        if (c.isPresent() && !(c.get() instanceof Acknowledger)) {
            try {
                c.get().send(OutboundMessage.replyTo(message, text));
            } catch (ConnectorException e) {
                LOG.debug("could not post the notice: {}", e.getMessage());
            }
        }
    }

    /**
     * {@code [platform #conversation principal(role)] }: who wrote, as the roster knows them, never the
     * platform display name the sender chooses (anyone can call themselves "owner").
     */
    static String label(InboundMessage m, Principal who) {
        Conversation c = m.conversation();
        String where = c.direct() ? "DM" : "#" + shorten(c.id()) + (c.thread() != null ? "/" + shorten(c.thread()) : "");
        return "[" + c.platform() + " " + where + " " + who.name() + "(" + who.role().key() + ")] ";
    }

    /**
     * Every line after the first starts with {@code "> "}, so a second line written as
     * {@code [discord DM owner(admin)] …} cannot pose as a new message from someone else.
     */
    static String continued(String text) {
        return text.replace("\r", "").replace("\n", "\n> ");
    }

    private static String shorten(String id) {
        return id.length() <= MAX_ID ? id : id.substring(0, MAX_ID - 1) + "…";
    }
}
