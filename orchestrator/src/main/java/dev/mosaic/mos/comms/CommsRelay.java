package dev.mosaic.mos.comms;

import dev.mosaic.connector.Acknowledger.Ack;
import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.ConversationProvisioner;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.app.AuditTrail;
import dev.mosaic.fleet.ps.SendResult;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.Comms;
import dev.mosaic.fleet.roster.Principal;
import dev.mosaic.fleet.roster.Role;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.mos.chat.Authorizer;
import dev.mosaic.mos.chat.CommandParser;
import dev.mosaic.mos.chat.Delivery;
import dev.mosaic.mos.chat.InboundPipeline;
import dev.mosaic.mos.chat.MessageDeduper;
import dev.mosaic.mos.chat.ParsedMessage;
import dev.mosaic.mos.chat.Redactor;
import dev.mosaic.mos.service.InboundInterceptor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Comms mode {@code matrix} inside the service: every agent has its own Matrix room (alias
 * {@code #<fleet>-<agent>}), and what is said there reaches the agent's pane.
 *
 * <ul>
 *   <li>A message an operator or admin posts in an agent's room is typed into that agent's pane
 *       as {@code [matrix @principal] text} and acknowledged DONE once the pane shows it (FAILED,
 *       with the reason, otherwise). Messages that start with the command prefix stay commands for
 *       Mos; anyone else is refused.</li>
 *   <li>{@link #post} (the CLI's {@code fleet agent send} in matrix mode) posts into the room and
 *       then delivers, because the bot's own posts never come back as inbound messages.</li>
 *   <li>{@link #replyRoom} is where an agent's {@code mos say} goes in matrix mode.</li>
 * </ul>
 *
 * <p>Rooms, once provisioned, are watched in either mode, so messages posted around a switch
 * back to {@code tmux} still arrive; each is delivered once (a persisted deduper, plus the
 * connector's persisted sync position). A room message posted while the service was down is
 * delivered when it is back: unlike a command, it is not stale.
 */
public final class CommsRelay implements InboundInterceptor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommsRelay.class);
    private static final String MATRIX = AgentRooms.PLATFORM;

    private final Supplier<Roster> roster;
    private final Fleet fleet;
    private final Function<String, Optional<Connector>> connectors;
    private final AgentRooms rooms;
    private final MessageDeduper deduper;
    private final CommandParser parser;
    private final Authorizer authorizer;
    private final AuditTrail audit;
    private final InboundPipeline pipeline;
    private final Map<String, Object> agentLocks = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mos-comms");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param connectors the live connector of a platform ({@code matrix} is the one used)
     * @param deduper remembers the room messages already delivered (persisted, so also across a restart)
     * @param prefix the chat command prefix; messages starting with it stay commands for Mos
     * @param rate each person's allowance, shared with their chat commands
     */
    public CommsRelay(Supplier<Roster> roster, Fleet fleet, Function<String, Optional<Connector>> connectors,
                      AgentRooms rooms, MessageDeduper deduper, String prefix, AuditTrail audit, Clock clock,
                      InboundPipeline.Gate rate) {
        this.roster = Objects.requireNonNull(roster, "roster");
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.connectors = Objects.requireNonNull(connectors, "connectors");
        this.rooms = Objects.requireNonNull(rooms, "rooms");
        this.deduper = Objects.requireNonNull(deduper, "deduper");
        this.parser = new CommandParser(prefix);
        this.authorizer = new Authorizer(roster);
        this.audit = Objects.requireNonNull(audit, "audit");
        // the same inbound steps as the chat router's, with the room's own authorization and dispatch
        this.pipeline = new InboundPipeline(clock, List.of(InboundPipeline.ignoreSelfAndBots(authorizer),
                InboundPipeline.dedupe(deduper), InboundPipeline.identify(authorizer, this::stranger),
                InboundPipeline.named("authorize", this::operatorsOnly), InboundPipeline.rateLimit(rate, this::overRate),
                InboundPipeline.named("in roster", this::inRoster), InboundPipeline.acknowledge(),
                InboundPipeline.named("dispatch", this::deliver)));
    }

    /** The inbound steps' names, in order. */
    List<String> steps() {
        return pipeline.stepNames();
    }

    // ---- people in an agent's room -------------------------------------------------------------

    @Override
    public boolean intercept(InboundMessage m, Connector from) {
        if (rooms.agentOf(m.conversation()).isEmpty() || forMos(m)) {
            return false;
        }
        pipeline.run(m, from);
        return true;
    }

    private String agentOf(Delivery d) {
        return rooms.agentOf(d.message().conversation()).orElseThrow();
    }

    private void stranger(Delivery d) {
        notice(d.from(), d.message(), Authorizer.unknownSenderReply(d.message().sender()));
        audit(d.actor(), "comms.deliver", agentOf(d), "refused: unknown sender", 0);
    }

    private void overRate(Delivery d, String reply) {
        notice(d.from(), d.message(), reply);
        audit(d.actor(), "comms.deliver", agentOf(d), "refused: rate limited", 0);
    }

    /** Authorize: words typed into an agent's pane are an operator's to give. */
    private boolean operatorsOnly(Delivery d) {
        Principal who = d.principal();
        if (who.role().includes(Role.OPERATOR)) {
            return true;
        }
        notice(d.from(), d.message(), "Only operators and admins can talk to " + agentOf(d) + "; you are a viewer.");
        audit(d.actor(), "comms.deliver", agentOf(d), "refused: role " + who.role().key(), 0);
        return false;
    }

    private boolean inRoster(Delivery d) {
        String agent = agentOf(d);
        if (roster.get().agent(agent).isPresent()) {
            return true;
        }
        InboundPipeline.acknowledge(d.from(), d.message(), Ack.FAILED);
        notice(d.from(), d.message(), "Agent '" + agent + "' is no longer in the roster; this room is not read by anyone.");
        audit(d.actor(), "comms.deliver", agent, "failed: not in the roster", 0);
        return false;
    }

    /** Dispatch: types the words into the agent's pane, verified; the last step. */
    private boolean deliver(Delivery d) {
        String agent = agentOf(d);
        String text = d.message().text().strip();
        boolean delivered;
        String reason = null;
        try {
            delivered = deliver(agent, d.principal().name(), text);
        } catch (MosaicException e) {
            delivered = false;
            reason = e.getMessage();
        }
        InboundPipeline.acknowledge(d.from(), d.message(), delivered ? Ack.DONE : Ack.FAILED);
        if (!delivered) {
            notice(d.from(), d.message(), "Not delivered to " + agent + ": " + (reason != null ? reason
                    : "the text did not show up in its terminal; is it running? (mosaic fleet agent status "
                    + agent + ")"));
        }
        audit(d.actor(), "comms.deliver", agent, delivered ? "delivered" : "failed" + (reason == null ? "" : ": "
                + reason), text.length());
        return false;
    }

    /** Prefix-addressed text, mentions and slash commands in an agent's room are still for Mos. */
    private boolean forMos(InboundMessage m) {
        if (m.addressing() == Addressing.MENTION || m.addressing() == Addressing.SLASH_COMMAND) {
            return true;
        }
        // read it as an ordinary channel message: only the prefix makes it Mos's
        InboundMessage plain = new InboundMessage(m.messageId(), m.conversation(), m.sender(), m.text(), m.sentAt(),
                Addressing.NONE);
        return !(parser.parse(plain) instanceof ParsedMessage.NotForMos);
    }

    // ---- the CLI and agents ----------------------------------------------------------------------

    /**
     * Posts {@code text} from {@code from} (an agent or a CLI user) into {@code agent}'s room, then
     * types it into the agent's pane as {@code [matrix @from] text}.
     *
     * @return the room's conversation key
     * @throws CommsException when the agent is unknown, the room cannot be reached, or the pane
     *     did not show the text (the room post stands; the message is recorded as not delivered)
     */
    public String post(String agent, String from, String text) {
        Roster r = roster.get();
        if (r.agent(agent).isEmpty()) {
            throw new CommsException("no agent named '" + agent + "' in " + r.source() + " (see 'mosaic fleet agent list')");
        }
        if (text == null || text.isBlank()) {
            throw new CommsException("nothing to send: the text is empty");
        }
        String sender = speaker(from, r);
        Conversation room = roomFor(agent);
        try {
            connector().send(OutboundMessage.to(room, "**" + sender + "**: " + Redactor.redact(text.strip())));
        } catch (ConnectorException e) {
            audit("cli:" + sender, "comms.post", agent, "failed: " + e.getMessage(), text.length());
            throw new CommsException("could not post into " + agent + "'s room " + room.id() + ": " + e.getMessage(), e);
        }
        boolean delivered = deliver(agent, sender, text.strip());
        audit("cli:" + sender, "comms.post", agent, delivered ? "delivered" : "posted, not seen in the pane",
                text.length());
        if (!delivered) {
            throw new CommsException("posted into " + agent + "'s room, but the text did not show up in its terminal"
                    + " within 3 s; is it running? (mosaic fleet agent status " + agent + ")");
        }
        return room.key();
    }

    /**
     * How a sender is shown: an agent or CLI user by name ({@code cli:alice} as {@code alice}), a
     * chat actor ({@code matrix:@owner:localhost}) by its principal's name when it is one.
     */
    static String speaker(String from, Roster r) {
        if (from == null || from.isBlank()) {
            return "cli";
        }
        if (from.startsWith("cli:")) {
            return from.substring(4);
        }
        if (from.startsWith("agent:")) {
            return from.substring(6); // an agent's own send, relayed by the service
        }
        int colon = from.indexOf(':');
        if (colon > 0) {
            Principal p = r.principalsOn(from.substring(0, colon)).get(from.substring(colon + 1));
            if (p != null) {
                return p.name();
            }
        }
        return from;
    }

    /**
     * Where {@code agent}'s {@code mos say} goes when it names no conversation: its own room in
     * matrix mode (provisioned on first use); empty in tmux mode and for the orchestrator agent,
     * which answers the conversation that addressed it.
     */
    public Optional<Conversation> replyRoom(String agent) {
        Roster r = roster.get();
        if (r.fleet().comms() != Comms.MATRIX || r.isOrchestrator(agent) || r.agent(agent).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(roomFor(agent));
    }

    /** The agent rooms known so far (agent to room id). */
    public Map<String, String> rooms() {
        return rooms.all();
    }

    /** Connector configurations with the known agent rooms watched by the matrix connector from its start. */
    public Map<String, ConnectorConfig> watchingAgentRooms(Map<String, ConnectorConfig> configs) {
        return rooms.watchedBy(configs);
    }

    // ---- provisioning ----------------------------------------------------------------------------

    /**
     * Makes sure, in the background, that the Matrix connector watches every known agent room and,
     * in matrix mode, that every agent has one. Called when the connector (re)connects, since a new
     * connector instance watches only its configured rooms, and when the roster changes.
     */
    public void refresh() {
        try {
            background.execute(this::provisionAll);
        } catch (RejectedExecutionException closing) {
            // the service is stopping
        }
    }

    private void provisionAll() {
        Roster r = roster.get();
        Set<String> agents = new LinkedHashSet<>(rooms.all().keySet());
        if (r.fleet().comms() == Comms.MATRIX) {
            r.agents().stream().map(AgentSpec::name).forEach(agents::add);
        }
        for (String agent : agents) {
            if (connectors.apply(MATRIX).isEmpty()) {
                return; // provisioned again when it connects
            }
            try {
                provision(agent, r);
            } catch (MosaicException e) {
                LOG.warn("could not provision the Matrix room of {}: {}", agent, e.getMessage());
            }
        }
    }

    /** Synchronized: the background refresh and a CLI send must not both create one agent's room. */
    private synchronized Conversation roomFor(String agent) {
        return rooms.roomOf(agent).orElseGet(() -> provision(agent, roster.get()));
    }

    private synchronized Conversation provision(String agent, Roster r) {
        if (!(connector() instanceof ConversationProvisioner p)) {
            throw new CommsException("the matrix connector cannot create rooms");
        }
        List<String> invite = new ArrayList<>();
        r.principalsOn(MATRIX).forEach((id, who) -> {
            if (who.role().includes(Role.OPERATOR)) {
                invite.add(id);
            }
        });
        try {
            Conversation room = p.provision(r.fleet().name() + "-" + agent, r.fleet().name() + " / " + agent, invite);
            rooms.put(agent, room);
            return room;
        } catch (ConnectorException e) {
            throw new CommsException("could not provision the Matrix room of " + agent + ": " + e.getMessage(), e);
        }
    }

    private Connector connector() {
        return connectors.apply(MATRIX).orElseThrow(() -> new CommsException("the matrix connector is not connected"
                + " (see 'mosaic mos status'); matrix comms needs it, or switch back with 'mosaic fleet comms tmux'"));
    }

    // ---- delivery ----------------------------------------------------------------------------------

    /** Types {@code [matrix @from] text} into the pane; one message per agent at a time keeps the order. */
    private boolean deliver(String agent, String from, String text) {
        synchronized (agentLocks.computeIfAbsent(agent, a -> new Object())) {
            SendResult r = fleet.send(agent, "[matrix @" + from.replaceAll("[\\s\\]\\[]+", "_") + "] " + text);
            return r.delivered();
        }
    }

    private void notice(Connector c, InboundMessage m, String text) {
        try {
            c.send(OutboundMessage.replyTo(m, text));
        } catch (ConnectorException e) {
            LOG.warn("could not answer in {}: {}", m.conversation().key(), e.getMessage());
        }
    }

    private void audit(String actor, String action, String agent, String result, int chars) {
        // the words may be sensitive: the audit keeps their number, not the text
        audit.record(actor, action, agent, result, Map.of("chars", chars));
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
