package dev.mosaic.mos.chat;

import org.jspecify.annotations.Nullable;
import dev.mosaic.connector.Acknowledger.Ack;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.TypingIndicator;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.roster.Principal;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.mos.app.Actor;
import dev.mosaic.mos.app.Application;
import dev.mosaic.mos.app.Confirmations;
import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.app.Outcome;
import dev.mosaic.mos.app.Verb;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat door: turns one inbound message into an operation for the {@link Application} and its
 * outcome into a reply. Its {@link InboundPipeline} runs the inbound steps in order, each small:
 * <ol>
 *   <li>ignore self and bots (unless the roster lists the bot)</li>
 *   <li>addressed? (prefix, mention, DM, slash command, button) — else ignored</li>
 *   <li>dedupe (a redelivered message runs once, also after a restart)</li>
 *   <li>identify the principal by immutable id (unknown: refused; unlisted bots: ignored)</li>
 *   <li>rate limit; sent while Mos was down? ({@link Downtime}: told, or run late); acknowledge (RECEIVED)</li>
 *   <li>dispatch: authorize, parse, submit (destructive operations ask for a code), reply — recorded
 *       {@link InFlight in flight} from start to reply, so a crash in between is reported after the restart</li>
 * </ol>
 * Refusals anyone can cause (unknown sender, over the rate) are audited one record per sender and
 * minute, with a count ({@link RefusalAudit}).
 * The service calls it on a per-conversation serial executor, so order is kept within a
 * conversation and a slow operation never holds another one. Every message Mos answers is
 * audited as {@code chat.<verb>}; the operation itself is audited by the application.
 */
public final class ChatRouter {

    private static final Logger LOG = LoggerFactory.getLogger(ChatRouter.class);
    private static final String UNKNOWN_SENDER = "refused: unknown sender";
    private static final String RATE_LIMITED = "refused: rate limited";

    private final ChatConfig config;
    private final Supplier<Roster> roster;
    private final Application app;
    private final OrchestratorBridge bridge;
    private final MessageDeduper deduper;
    private final Clock clock;
    private final BiConsumer<String, Conversation> addressed;
    private final CommandParser parser;
    private final Authorizer authorizer;
    private final InboundPipeline.Step identify;
    private final InboundPipeline pipeline;
    private final Run run;

    /** Where commands are recorded from their start to their reply, so a crash in between is not silent. */
    public interface InFlight {
        /** {@code m} starts to run; {@code what} says what, for the person, redacted. */
        void begun(InboundMessage m, String what);

        /** {@code m} was answered (or refused): it is no longer in flight. */
        void ended(InboundMessage m);

        /** Records nothing. */
        InFlight NONE = new InFlight() {
            @Override
            public void begun(InboundMessage m, String what) {
            }

            @Override
            public void ended(InboundMessage m) {
            }
        };
    }

    /**
     * What the router needs of the service's run.
     *
     * @param downtime which messages arrived while Mos was down, and what to do with them
     * @param inFlight the journal of commands running
     * @param refusals where refusals anyone can cause are audited, coalesced
     * @param adminHere told the conversation each time an admin addresses Mos (where Mos posts to admins)
     */
    public record Run(Downtime downtime, InFlight inFlight, RefusalAudit refusals, Consumer<Conversation> adminHere) {
        public Run {
            Objects.requireNonNull(downtime, "downtime");
            Objects.requireNonNull(inFlight, "inFlight");
            Objects.requireNonNull(refusals, "refusals");
            Objects.requireNonNull(adminHere, "adminHere");
        }
    }

    /**
     * @param addressed told after a chat {@code send} reached an agent, with the conversation it came
     *     from (so the agent's {@code mos say} answers there)
     */
    public ChatRouter(ChatConfig config, Supplier<Roster> roster, Application app, OrchestratorBridge bridge,
                      MessageDeduper deduper, Clock clock, BiConsumer<String, Conversation> addressed) {
        this(config, roster, app, bridge, deduper, clock, addressed, new Run(Downtime.none(clock), InFlight.NONE,
                new RefusalAudit(app.audit(), clock, java.time.Duration.ofMinutes(1)), c -> { }));
    }

    /** As above, within a service {@code run} (downtime, commands in flight, admins' conversation). */
    public ChatRouter(ChatConfig config, Supplier<Roster> roster, Application app, OrchestratorBridge bridge,
                      MessageDeduper deduper, Clock clock, BiConsumer<String, Conversation> addressed, Run run) {
        this.run = Objects.requireNonNull(run, "run");
        this.config = Objects.requireNonNull(config, "config");
        this.roster = Objects.requireNonNull(roster, "roster");
        this.app = Objects.requireNonNull(app, "app");
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.deduper = Objects.requireNonNull(deduper, "deduper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.addressed = Objects.requireNonNull(addressed, "addressed");
        this.parser = new CommandParser(config.prefix());
        this.authorizer = new Authorizer(roster);
        this.identify = InboundPipeline.identify(authorizer, this::stranger);
        this.pipeline = new InboundPipeline(clock, List.of(InboundPipeline.ignoreSelfAndBots(authorizer),
                InboundPipeline.named("addressed", this::addressed), InboundPipeline.dedupe(deduper),
                InboundPipeline.named("identify", this::identify),
                InboundPipeline.rateLimit(InboundPipeline.Gate.of(() -> app), this::overRate),
                InboundPipeline.named("while down", this::whileDown), InboundPipeline.acknowledge(),
                InboundPipeline.named("dispatch", this::dispatch)));
    }

    /** The inbound steps' names, in order. */
    List<String> steps() {
        return pipeline.stepNames();
    }

    /**
     * Handles one inbound message and posts the reply (if any) through {@code replyTo}. Never
     * throws: every failure becomes a reply and an audit record.
     */
    public void handle(InboundMessage msg, Connector replyTo) {
        pipeline.run(msg, replyTo);
    }

    /** Addressed? Prefix, mention, DM, slash command or button: else not for Mos, and ignored. */
    private boolean addressed(Delivery d) {
        ParsedMessage parsed = parser.parse(d.message());
        d.parsed(parsed);
        return !(parsed instanceof ParsedMessage.NotForMos);
    }

    /** Identify, failing closed: without a readable roster nobody is known, and the reply says why. */
    private boolean identify(Delivery d) {
        try {
            return identify.apply(d);
        } catch (MosaicException e) {
            finish(d, new Done(Done.verbOf(d.parsed()), "", "failed: roster unreadable",
                    fmt(d).plain("Mos cannot read its roster right now, so it cannot check who you are: "
                            + e.getMessage()), false));
            return false;
        }
    }

    /** An unknown person hears their id (so an admin can add them), within the rate limit. */
    private void stranger(Delivery d) {
        if (app.admit(d.actor())) {
            finish(d, new Done(Done.verbOf(d.parsed()), "", UNKNOWN_SENDER,
                    fmt(d).plain(Authorizer.unknownSenderReply(d.message().sender())), false));
        } else {
            run.refusals().refused(d.actor(), "chat." + Done.verbOf(d.parsed()), "", UNKNOWN_SENDER, Map.of(
                    "platform", d.message().sender().platform(), "conversation", d.message().conversation().key()));
        }
    }

    private void overRate(Delivery d, String reply) {
        finish(d, new Done(Done.verbOf(d.parsed()), "", RATE_LIMITED, fmt(d).plain(reply), false));
    }

    /** Sent while Mos was down: told it did not run, or (young enough, if the roster says so) run late. */
    private boolean whileDown(Delivery d) {
        InboundMessage msg = d.message();
        if (!run.downtime().arrivedWhileDown(msg)) {
            return true;
        }
        if (run.downtime().runsLate(msg)) {
            d.late(true);
            return true;
        }
        finish(d, new Done(Done.verbOf(d.parsed()), Done.targetOf(d.parsed()), "refused: sent while Mos was offline",
                fmt(d).plain(run.downtime().notRun(msg)), false));
        return false;
    }

    /** Dispatch: authorize, parse, submit, reply; the last step. */
    private boolean dispatch(Delivery d) {
        ParsedMessage parsed = d.parsed();
        ReplyFormatter fmt = fmt(d);
        InboundMessage msg = d.message();
        Actor person = Actor.of(d.principal(), msg.sender().platform(), msg.sender().id());
        if (person.role() == dev.mosaic.fleet.roster.Role.ADMIN) {
            run.adminHere().accept(msg.conversation());
        }
        run.inFlight().begun(msg, Redactor.redact(inFlightText(parsed, msg)));
        Done done;
        try {
            done = dispatch(parsed, msg, d.principal(), person, d.from(), fmt);
        } catch (MosaicException e) {
            done = Done.failure(parsed, e, person, fmt);
        } catch (RuntimeException e) {
            LOG.warn("chat command from {} failed", d.actor(), e);
            done = new Done(Done.verbOf(parsed), Done.targetOf(parsed), "failed: " + e.getMessage(),
                    fmt.plain("That failed: " + e.getMessage()), false);
        }
        finish(d, done);
        return false;
    }

    /** What a person would recognise their message by, short. */
    private static String inFlightText(ParsedMessage parsed, InboundMessage msg) {
        String text = parsed instanceof ParsedMessage.Command c ? c.command().display() : msg.text().strip();
        text = text.replaceAll("\\s+", " ");
        return text.length() > 80 ? text.substring(0, 79) + "…" : text;
    }

    private static ReplyFormatter fmt(Delivery d) {
        return new ReplyFormatter(d.from().capabilities());
    }

    private Done dispatch(ParsedMessage parsed, InboundMessage msg, Principal who, Actor person, Connector replyTo,
                          ReplyFormatter fmt) {
        if (parsed instanceof ParsedMessage.Malformed m) {
            return new Done("invalid", "", "refused: malformed", fmt.plain(m.message()), false);
        }
        if (parsed instanceof ParsedMessage.UnknownVerb u) {
            return new Done("unknown", u.word(), "refused: unknown verb",
                    fmt.plain("Unknown verb '" + u.word() + "' — did you mean '" + u.suggestion().word()
                            + "'? Try `help` for the list."), false);
        }
        if (parsed instanceof ParsedMessage.FreeText) {
            return freeText(msg, who, fmt);
        }
        return command(((ParsedMessage.Command) parsed).command(), msg, person, replyTo, fmt);
    }

    private Done freeText(InboundMessage msg, Principal who, ReplyFormatter fmt) {
        String target = roster.get().orchestrator().agent().name();
        if (!authorizer.mayTalkToOrchestrator(who)) {
            return new Done("say", target, "refused: role " + who.role().key(), fmt.plain(
                    "Only operators and admins can talk to the orchestrator agent; you are " + Authorizer.article(who.role())
                            + ". Try `help` for the commands you can run."), false);
        }
        String to = bridge.deliver(msg, who);
        return to == null || to.equals(target) ? new Done("say", target, "ok", null, true)
                : new Done("answer", to, "ok", null, true);
    }

    private Done command(ChatCommand cmd, InboundMessage msg, Actor person, Connector replyTo, ReplyFormatter fmt) {
        Verb verb = cmd.verb();
        // the one authorization check of every door, first: a viewer learns nothing about arguments
        app.authorize(person, verb.minRole(), verb.word());
        String conversation = msg.conversation().key();
        switch (verb) {
            case HELP -> {
                String text = cmd.args().isEmpty() ? HelpText.forRole(person.role(), config.prefix())
                        : HelpText.forVerb(cmd.args().get(0), person.role(), config.prefix());
                verb.checkArity(cmd.args().size());
                return new Done(verb.word(), cmd.target(), "ok", fmt.plain(text), true);
            }
            case WHOAMI -> {
                return new Done(verb.word(), "", "ok", fmt.plain("You are " + person.name() + " (" + person.role().key()
                        + "); your " + msg.sender().platform() + " id is " + msg.sender().id() + "."), true);
            }
            case CANCEL -> {
                Operation dropped = app.cancel(person, conversation);
                return new Done(verb.word(), dropped == null ? "" : dropped.display(), "ok", fmt.plain(dropped == null
                        ? "Nothing is waiting for your confirmation here."
                        : "Cancelled `" + dropped.display() + "`; nothing was done."), true);
            }
            case CONFIRM -> {
                verb.checkArity(cmd.args().size());
                return confirm(cmd.args().get(0), msg, person, replyTo, fmt);
            }
            default -> {
                Operation op = ChatOperations.parse(cmd);
                typing(replyTo, msg);
                Application.Reply r = app.submit(person, conversation, op);
                if (r instanceof Application.Reply.NeedsConfirmation n) {
                    return Done.needsConfirmation(verb.word(), op, n, fmt);
                }
                return done(op, ((Application.Reply.Done) r).outcome(), msg, fmt);
            }
        }
    }

    private Done confirm(String code, InboundMessage msg, Actor person, Connector replyTo, ReplyFormatter fmt) {
        Confirmations.Check check = app.confirm(person, msg.conversation().key(), code);
        if (check instanceof Confirmations.Check.Confirmed c) {
            Operation op = c.command();
            if (op instanceof Operation.Update u) {
                // an update takes minutes: its progress goes to the conversation as it happens
                op = u.withProgress(line -> progress(replyTo, msg, fmt, line));
            }
            typing(replyTo, msg);
            Done d;
            try {
                // executed now: the role is checked again (it may have been lowered while the code was pending)
                d = done(op, app.execute(person, op), msg, fmt);
            } catch (MosaicException e) {
                d = Done.failure(new ParsedMessage.Command(new ChatCommand(op.verb(), op.words().subList(1,
                        op.words().size()))), e, person, fmt);
            }
            return new Done(op.verb().word(), op.target(), d.result() + " (confirmed)", d.reply(), d.ok());
        }
        if (check instanceof Confirmations.Check.Expired e) {
            return new Done("confirm", e.command().display(), "refused: expired",
                    fmt.plain("That code has expired, so `" + e.command().display() + "` was not run. Send the command"
                            + " again for a new code."), false);
        }
        if (check instanceof Confirmations.Check.WrongCode) {
            return new Done("confirm", code, "refused: wrong code",
                    fmt.plain("That code does not match what is waiting for you here. Check it, or `cancel`."), false);
        }
        return new Done("confirm", code, "refused: nothing pending",
                fmt.plain("Nothing is waiting for your confirmation here. (A code only works for the person who got it,"
                        + " in the conversation where they got it.)"), false);
    }

    /** An outcome as the reply: its text in a code block, or what went wrong. */
    private Done done(Operation op, Outcome o, InboundMessage msg, ReplyFormatter fmt) {
        // addressed even when the pane check timed out (a loaded machine): the text may well have
        // arrived, and the agent's answer, approval request or question must find this conversation
        if (o instanceof Outcome.Sent || (o.ok() && o instanceof Outcome.Posted)) {
            addressed.accept(op.target(), msg.conversation());
        }
        return Done.outcome(op, o, fmt);
    }

    private static void progress(Connector replyTo, InboundMessage msg, ReplyFormatter fmt, String line) {
        try {
            replyTo.send(OutboundMessage.replyTo(msg, fmt.plain(Redactor.redact(line))));
        } catch (ConnectorException e) {
            LOG.debug("progress message failed: {}", e.getMessage());
        }
    }

    private static void typing(Connector replyTo, InboundMessage msg) {
        if (replyTo instanceof TypingIndicator t) {
            try {
                t.typing(msg.conversation());
            } catch (ConnectorException e) {
                LOG.debug("typing indicator failed: {}", e.getMessage());
            }
        }
    }

    /**
     * Audits first, so a reply a person can see always has its record (a read's record is queued,
     * written within milliseconds); then replies and acks.
     */
    private void finish(Delivery d, Done done) {
        InboundMessage msg = d.message();
        Connector replyTo = d.from();
        String actor = d.actor();
        long start = d.startMillis();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("platform", msg.sender().platform());
        details.put("conversation", msg.conversation().key());
        details.put("messageId", msg.messageId());
        details.put("durationMs", clock.millis() - start);
        if (done.result().equals(UNKNOWN_SENDER) || done.result().equals(RATE_LIMITED)) {
            // anyone can cause these, as often as they like: one record per sender and minute
            run.refusals().refused(actor, "chat." + done.verb(), done.target(), done.result(), details);
        } else if (Verb.of(done.verb()).filter(Verb::readsOnly).isPresent()) {
            // a read (ps, whoami, ...) answers without waiting for the disk; its record follows within ms
            app.audit().recordSoon(actor, "chat." + done.verb(), done.target(), done.result(), details);
        } else {
            app.audit().record(actor, "chat." + done.verb(), done.target(), done.result(), details);
        }
        String reply = done.reply();
        if (d.late()) {
            String note = fmt(d).plain(run.downtime().ranLate(msg));
            reply = reply == null ? note : reply + "\n" + note;
        }
        if (reply != null) {
            try {
                replyTo.send(OutboundMessage.replyTo(msg, reply).withActions(done.actions()));
            } catch (ConnectorException e) {
                LOG.warn("could not reply in {}: {}", msg.conversation().key(), e.getMessage());
            }
        }
        run.inFlight().ended(msg);
        InboundPipeline.acknowledge(replyTo, msg, done.ok() ? Ack.DONE : Ack.FAILED);
    }
}
