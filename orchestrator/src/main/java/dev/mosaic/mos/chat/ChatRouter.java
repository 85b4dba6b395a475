package dev.mosaic.mos.chat;

import dev.mosaic.connector.Acknowledger;
import dev.mosaic.connector.Acknowledger.Ack;
import dev.mosaic.connector.Action;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.TypingIndicator;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.audit.AuditLog;
import dev.mosaic.fleet.audit.AuditRecord;
import dev.mosaic.fleet.roster.Principal;
import dev.mosaic.fleet.roster.Roster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns chat messages into fleet actions for the people allowed to give them.
 *
 * <p>For each message: is it for Mos at all (prefix, mention, DM)? Has it been acted on already
 * (redelivery)? Who sent it (fail closed)? Too many commands? Then the verb runs, after a
 * confirmation code for destructive ones, and the reply goes back to the conversation. Every
 * message Mos answers is audited as {@code chat.<verb>}.
 */
public final class ChatRouter {

    private static final Logger LOG = LoggerFactory.getLogger(ChatRouter.class);

    private final ChatConfig config;
    private final Supplier<Roster> roster;
    private final VerbExecutor executor;
    private final OrchestratorBridge bridge;
    private final MessageDeduper deduper;
    private final AuditLog audit;
    private final Clock clock;
    private final CommandParser parser;
    private final Authorizer authorizer;
    private final Confirmations confirmations;
    private final RateLimiter rateLimiter;

    /** What handling one message came to: one reply (with buttons, where they help), one audit record. */
    private record Done(String verb, String target, String result, String reply, boolean ok, List<Action> actions) {
        Done(String verb, String target, String result, String reply, boolean ok) {
            this(verb, target, result, reply, ok, List.of());
        }
    }

    public ChatRouter(ChatConfig config, Supplier<Roster> roster, VerbExecutor executor, OrchestratorBridge bridge,
                      MessageDeduper deduper, AuditLog audit, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.roster = Objects.requireNonNull(roster, "roster");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.deduper = Objects.requireNonNull(deduper, "deduper");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.parser = new CommandParser(config.prefix());
        this.authorizer = new Authorizer(roster);
        this.confirmations = new Confirmations(clock, config.confirmTimeout());
        this.rateLimiter = new RateLimiter(config.rateLimit(), clock);
    }

    /**
     * Handles one inbound message and posts the reply (if any) through {@code replyTo}. Never
     * throws: every failure becomes a reply and an audit record.
     */
    public void handle(InboundMessage msg, Connector replyTo) {
        long start = clock.millis();
        ParsedMessage parsed = parser.parse(msg);
        if (parsed instanceof ParsedMessage.NotForMos || !deduper.firstTime(msg)) {
            return;
        }
        String actor = msg.sender().platform() + ":" + msg.sender().id();
        ReplyFormatter fmt = new ReplyFormatter(replyTo.capabilities());
        Optional<Principal> who;
        try {
            who = authorizer.identify(msg.sender());
        } catch (MosaicException e) {
            // Without a readable roster nobody is known: fail closed, but say why.
            finish(msg, replyTo, actor, start, new Done(verbOf(parsed), "", "failed: roster unreadable",
                    fmt.plain("Mos cannot read its roster right now, so it cannot check who you are: " + e.getMessage()),
                    false));
            return;
        }
        if (who.isEmpty()) {
            // Bots are ignored unless listed, so two bots never talk each other into a loop.
            if (!msg.sender().bot() && rateLimiter.tryAcquire(actor)) {
                finish(msg, replyTo, actor, start, new Done(verbOf(parsed), "", "refused: unknown sender",
                        fmt.plain(Authorizer.unknownSenderReply(msg.sender())), false));
            }
            return;
        }
        if (!rateLimiter.tryAcquire(actor)) {
            finish(msg, replyTo, actor, start, new Done(verbOf(parsed), "", "refused: rate limited",
                    fmt.plain(rateLimiter.reply(actor)), false));
            return;
        }
        acknowledge(replyTo, msg, Ack.RECEIVED);
        Done done;
        try {
            done = dispatch(parsed, msg, who.get(), actor, replyTo, fmt);
        } catch (ChatException e) {
            done = new Done(verbOf(parsed), targetOf(parsed), "refused: " + e.getMessage(), fmt.plain(e.getMessage()), false);
        } catch (RuntimeException e) {
            LOG.warn("chat command from {} failed", actor, e);
            done = new Done(verbOf(parsed), targetOf(parsed), "failed: " + e.getMessage(),
                    fmt.plain("That failed: " + e.getMessage()), false);
        }
        finish(msg, replyTo, actor, start, done);
    }

    private Done dispatch(ParsedMessage parsed, InboundMessage msg, Principal who, String actor, Connector replyTo,
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
        return command(((ParsedMessage.Command) parsed).command(), msg, who, actor, replyTo, fmt, false);
    }

    private Done freeText(InboundMessage msg, Principal who, ReplyFormatter fmt) {
        String target = roster.get().orchestrator().agent().name();
        if (!authorizer.mayTalkToOrchestrator(who)) {
            return new Done("say", target, "refused: role " + who.role().key(), fmt.plain(
                    "Only operators and admins can talk to the orchestrator agent; you are " + Authorizer.article(who.role())
                            + ". Try `help` for the commands you can run."), false);
        }
        bridge.forward(msg, who);
        return new Done("say", target, "ok", null, true);
    }

    private Done command(ChatCommand cmd, InboundMessage msg, Principal who, String actor, Connector replyTo,
                         ReplyFormatter fmt, boolean confirmed) {
        ChatVerb verb = cmd.verb();
        if (!authorizer.may(who, verb)) {
            return new Done(verb.word(), cmd.target(), "refused: role " + who.role().key(),
                    fmt.plain(Authorizer.refusalReply(who, verb)), false);
        }
        verb.checkArity(cmd.args().size());
        String conversation = msg.conversation().key();
        switch (verb) {
            case HELP -> {
                String text = cmd.args().isEmpty() ? HelpText.forRole(who.role(), config.prefix())
                        : HelpText.forVerb(cmd.args().get(0), who.role(), config.prefix());
                return new Done(verb.word(), cmd.target(), "ok", fmt.plain(text), true);
            }
            case WHOAMI -> {
                return new Done(verb.word(), "", "ok", fmt.plain("You are " + who.name() + " (" + who.role().key()
                        + "); your " + msg.sender().platform() + " id is " + msg.sender().id() + "."), true);
            }
            case CANCEL -> {
                ChatCommand dropped = confirmations.cancel(actor, conversation);
                return new Done(verb.word(), dropped == null ? "" : dropped.display(), "ok", fmt.plain(dropped == null
                        ? "Nothing is waiting for your confirmation here."
                        : "Cancelled `" + dropped.display() + "`; nothing was done."), true);
            }
            case CONFIRM -> {
                return confirm(cmd.args().get(0), msg, who, actor, replyTo, fmt);
            }
            default -> {
                String danger = confirmed ? null : Destructive.describe(cmd);
                if (danger != null) {
                    executor.validate(cmd);
                    String code = confirmations.request(actor, conversation, cmd);
                    // Buttons where the platform has them: a press is the presser typing the command,
                    // so only the person who asked can confirm (the code is theirs, in this conversation).
                    return new Done(verb.word(), cmd.target(), "pending confirmation", fmt.plain(danger + " Reply `confirm "
                            + code + "` within " + minutes(config) + " (or `cancel`)."), true,
                            List.of(new Action("Confirm", "confirm " + code, Action.Style.DANGER),
                                    Action.of("Cancel", "cancel")));
                }
                return execute(cmd, actor, replyTo, msg, fmt);
            }
        }
    }

    private Done confirm(String code, InboundMessage msg, Principal who, String actor, Connector replyTo,
                         ReplyFormatter fmt) {
        Confirmations.Outcome outcome = confirmations.confirm(actor, msg.conversation().key(), code);
        if (outcome instanceof Confirmations.Outcome.Confirmed c) {
            // The role is checked again: it may have been lowered while the code was pending.
            Done d = command(c.command(), msg, who, actor, replyTo, fmt, true);
            return new Done(d.verb(), d.target(), d.result() + " (confirmed)", d.reply(), d.ok());
        }
        if (outcome instanceof Confirmations.Outcome.Expired e) {
            return new Done("confirm", e.command().display(), "refused: expired",
                    fmt.plain("That code has expired, so `" + e.command().display() + "` was not run. Send the command"
                            + " again for a new code."), false);
        }
        if (outcome instanceof Confirmations.Outcome.WrongCode) {
            return new Done("confirm", code, "refused: wrong code",
                    fmt.plain("That code does not match what is waiting for you here. Check it, or `cancel`."), false);
        }
        return new Done("confirm", code, "refused: nothing pending",
                fmt.plain("Nothing is waiting for your confirmation here. (A code only works for the person who got it,"
                        + " in the conversation where they got it.)"), false);
    }

    private Done execute(ChatCommand cmd, String actor, Connector replyTo, InboundMessage msg, ReplyFormatter fmt) {
        if (replyTo instanceof TypingIndicator t) {
            try {
                t.typing(msg.conversation());
            } catch (ConnectorException e) {
                LOG.debug("typing indicator failed: {}", e.getMessage());
            }
        }
        VerbExecutor.Result r = executor.execute(cmd, actor);
        String out = Redactor.redact(r.output());
        if (r.ok()) {
            String reply = out.isBlank() ? fmt.plain("Done: `" + cmd.display() + "`.") : fmt.block(out);
            return new Done(cmd.verb().word(), cmd.target(), "ok", reply, true);
        }
        String err = Redactor.redact(r.error().isBlank() ? r.output() : r.error());
        String reason = firstLine(err);
        return new Done(cmd.verb().word(), cmd.target(), "failed: " + reason,
                fmt.withBlock("`" + cmd.display() + "` failed (exit " + r.exitCode() + "):", err), false);
    }

    /** Audits first, so a reply a person can see always has its record; then replies and acks. */
    private void finish(InboundMessage msg, Connector replyTo, String actor, long start, Done done) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("platform", msg.sender().platform());
        details.put("conversation", msg.conversation().key());
        details.put("messageId", msg.messageId());
        details.put("durationMs", clock.millis() - start);
        try {
            audit.append(new AuditRecord(clock.instant(), actor, "chat." + done.verb(), done.target(), done.result(),
                    details));
        } catch (MosaicException e) {
            LOG.error("could not audit chat.{} by {}: {}", done.verb(), actor, e.getMessage());
        }
        if (done.reply() != null) {
            try {
                replyTo.send(OutboundMessage.replyTo(msg, done.reply()).withActions(done.actions()));
            } catch (ConnectorException e) {
                LOG.warn("could not reply in {}: {}", msg.conversation().key(), e.getMessage());
            }
        }
        acknowledge(replyTo, msg, done.ok() ? Ack.DONE : Ack.FAILED);
    }

    private static void acknowledge(Connector c, InboundMessage msg, Ack ack) {
        if (c instanceof Acknowledger a) {
            try {
                a.acknowledge(msg, ack);
            } catch (ConnectorException e) {
                LOG.debug("ack {} failed: {}", ack, e.getMessage());
            }
        }
    }

    private static String verbOf(ParsedMessage p) {
        if (p instanceof ParsedMessage.Command c) {
            return c.command().verb().word();
        }
        if (p instanceof ParsedMessage.FreeText) {
            return "say";
        }
        if (p instanceof ParsedMessage.UnknownVerb) {
            return "unknown";
        }
        return p instanceof ParsedMessage.Malformed ? "invalid" : "none";
    }

    private static String targetOf(ParsedMessage p) {
        return p instanceof ParsedMessage.Command c ? c.command().target() : "";
    }

    private static String minutes(ChatConfig config) {
        long s = config.confirmTimeout().toSeconds();
        return s % 60 == 0 ? (s / 60) + (s == 60 ? " minute" : " minutes") : s + " seconds";
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        String line = nl < 0 ? t : t.substring(0, nl);
        return line.startsWith("error: ") ? line.substring(7) : line;
    }
}
