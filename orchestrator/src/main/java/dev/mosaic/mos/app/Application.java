package dev.mosaic.mos.app;

import org.jspecify.annotations.Nullable;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.roster.Role;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The application layer: the one object every front door (CLI, chat, web) hands its operations
 * to. It owns, for all of them alike, authorization (a role per operation, failing closed), the
 * confirmation policy for destructive operations, rate limiting, and audit; what an operation
 * does is the {@link OperationRunner}'s (the process's single {@code Fleet} behind
 * {@link FleetOperations}).
 *
 * <pre>{@code
 * Outcome o = app.execute(Actor.local("cli:alice"), new Operation.Ps());
 * Application.Reply r = app.submit(actor, conversationKey, new Operation.Remove("coder-2"));  // asks for a code
 * }</pre>
 */
public final class Application {

    /** What {@link #submit} came to. */
    public sealed interface Reply {
        /** It ran. */
        record Done(Operation operation, Outcome outcome) implements Reply {
        }

        /** It is destructive: nothing ran; it waits for {@code confirm <code>} from the same person and place. */
        record NeedsConfirmation(Operation operation, String code, Duration timeout) implements Reply {
        }
    }

    private final OperationRunner runner;
    private final AuditTrail audit;
    private final Confirmations confirmations;
    private final RateLimiter rateLimiter;

    public Application(OperationRunner runner, AuditTrail audit, Clock clock, Duration confirmTimeout,
                       RateLimiter.Limits limits) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.confirmations = new Confirmations(clock, confirmTimeout);
        this.rateLimiter = new RateLimiter(limits, clock);
    }

    /**
     * The one authorization check of every door: refuses (kind forbidden) unless {@code who}'s role
     * includes the operation's. Chat replies with the message, the web answers 403 with it.
     */
    public void authorize(Actor who, Operation op) {
        authorize(who, op.role(), op.words().get(0));
    }

    /** The same check by role, for a door that knows the verb before its arguments are parsed. */
    public void authorize(Actor who, Role needed, String verb) {
        if (!who.role().includes(needed)) {
            throw AppException.forbidden(refusal(who.role(), verb, needed));
        }
    }

    /** The words of a refusal: what was asked, the role it needs, the role the person has. */
    public static String refusal(Role has, String verb, Role needed) {
        return "Sorry, `" + verb + "` needs the " + needed.key() + " role; you are " + article(has)
                + ". Try `help` for what you can run.";
    }

    /** "a viewer", "an operator", "an admin". */
    public static String article(Role role) {
        return (role == Role.VIEWER ? "a " : "an ") + role.key();
    }

    /** Takes one command from {@code actorId}'s allowance; false when they are over their rate. */
    public boolean admit(String actorId) {
        return rateLimiter.tryAcquire(actorId);
    }

    /** What to tell someone who is over their rate. */
    public String rateLimitReply(String actorId) {
        return rateLimiter.reply(actorId);
    }

    public Duration confirmTimeout() {
        return confirmations.timeout();
    }

    /**
     * For doors that confirm with a code (chat): runs {@code op}, or — when destructive — parks it
     * for {@code who} in {@code where} (a conversation key) and returns the code to confirm with.
     */
    public Reply submit(Actor who, String where, Operation op) {
        authorize(who, op);
        if (op.danger() != null) {
            audit.requireWritable(op); // no use asking for a code for something that would be refused
            return new Reply.NeedsConfirmation(op, confirmations.request(who.id(), where, op), confirmations.timeout());
        }
        return new Reply.Done(op, execute(who, op));
    }

    /**
     * Checks {@code code} against what {@code who} has waiting in {@code where}; a
     * {@link Confirmations.Check.Confirmed} operation is the caller's to {@link #execute} (the role
     * is checked again there: it may have been lowered while the code was pending).
     */
    public Confirmations.Check confirm(Actor who, String where, String code) {
        return confirmations.confirm(who.id(), where, code);
    }

    /** Drops what {@code who} has waiting in {@code where}; returns it, or null when nothing was. */
    public @Nullable Operation cancel(Actor who, String where) {
        return confirmations.cancel(who.id(), where);
    }

    /**
     * Runs {@code op} now (the CLI, the web, a confirmed chat command): authorizes it, refuses a
     * destructive one whose audit record cannot be written, runs it, and audits what happened.
     *
     * @throws MosaicException refused or failed; its kind says which
     */
    public Outcome execute(Actor who, Operation op) {
        authorize(who, op);
        if (op.danger() != null) {
            audit.requireWritable(op);
        }
        Outcome outcome;
        try {
            outcome = runner.run(who, op);
        } catch (MosaicException e) {
            if (op.action() != null) {
                Map<String, Object> details = details(who, Map.of());
                details.put("error", e.getMessage());
                // the fleet or the roster said no (a conflict, a role): refused; anything else failed
                boolean refused = e.kind() == MosaicException.Kind.CONFLICT || e.kind() == MosaicException.Kind.FORBIDDEN;
                audit.record(who.id(), op.action(), op.target(), refused ? "refused" : "failed", details);
            }
            throw e;
        }
        if (op.action() != null) {
            audit.record(who.id(), op.action(), op.target(), outcome.auditResult(), details(who, outcome.auditDetails()));
        }
        return outcome;
    }

    private static Map<String, Object> details(Actor who, Map<String, Object> more) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("platform", who.platform());
        d.putAll(more);
        return d;
    }

    /** The audit trail the doors use for their own records (a chat message handled, a refusal). */
    public AuditTrail audit() {
        return audit;
    }
}
