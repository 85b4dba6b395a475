package dev.mosaic.mos.chat;

import org.jspecify.annotations.Nullable;
import dev.mosaic.connector.Action;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.mos.app.Actor;
import dev.mosaic.mos.app.Application;
import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.app.Outcome;
import dev.mosaic.mos.app.OutcomeText;
import java.util.List;

/**
 * What handling one chat message came to: one reply ({@code null}: none) with its buttons, and one
 * audit record ({@code chat.<verb>} on {@code target}, {@code result}). The {@link ChatRouter}
 * routes; the replies to outcomes, failures and pending confirmations are worded here.
 */
record Done(String verb, String target, String result, @Nullable String reply, boolean ok, List<Action> actions) {

    Done(String verb, String target, String result, @Nullable String reply, boolean ok) {
        this(verb, target, result, reply, ok, List.of());
    }

    /** A refusal or failure as a reply, by its kind: a person's mistake is explained, a failure quoted. */
    static Done failure(ParsedMessage parsed, MosaicException e, Actor person, ReplyFormatter fmt) {
        String message = Redactor.redact(e.getMessage());
        return switch (e.kind()) {
            case FORBIDDEN -> new Done(verbOf(parsed), targetOf(parsed), "refused: role " + person.role().key(),
                    fmt.plain(message), false);
            case INVALID -> new Done(verbOf(parsed), targetOf(parsed), "refused: " + message, fmt.plain(message), false);
            case NOT_FOUND, CONFLICT, UNAVAILABLE -> new Done(verbOf(parsed), targetOf(parsed),
                    "failed: " + firstLine(message), fmt.withBlock("`" + displayOf(parsed) + "` failed:", message), false);
        };
    }

    /** A destructive operation waits for its code: the reply asks for it, with Confirm and Cancel buttons. */
    static Done needsConfirmation(String word, Operation op, Application.Reply.NeedsConfirmation n,
                                  ReplyFormatter fmt) {
        return new Done(word, op.target(), "pending confirmation", fmt.plain(op.danger()
                + " Reply `confirm " + n.code() + "` within " + minutes(n) + " (or `cancel`)."), true,
                List.of(new Action("Confirm", "confirm " + n.code(), Action.Style.DANGER),
                        Action.of("Cancel", "cancel")));
    }

    /** An outcome as the reply: its text in a code block, or what went wrong. */
    static Done outcome(Operation op, Outcome o, ReplyFormatter fmt) {
        String word = op.verb().word();
        String out = Redactor.redact(OutcomeText.text(o));
        if (o.ok()) {
            String reply = out.isBlank() ? fmt.plain("Done: `" + op.display() + "`.") : fmt.block(out);
            return new Done(word, op.target(), "ok", reply, true);
        }
        String err = Redactor.redact(OutcomeText.errors(o));
        String all = (out + err).strip();
        return new Done(word, op.target(), "failed: " + firstLine(err.isBlank() ? out : err),
                fmt.withBlock("`" + op.display() + "` failed:", all), false);
    }

    /** The verb a message is audited under ({@code chat.<verb>}). */
    static String verbOf(ParsedMessage p) {
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

    static String targetOf(ParsedMessage p) {
        return p instanceof ParsedMessage.Command c ? c.command().target() : "";
    }

    private static String displayOf(ParsedMessage p) {
        return p instanceof ParsedMessage.Command c ? c.command().display() : verbOf(p);
    }

    private static String minutes(Application.Reply.NeedsConfirmation n) {
        long s = n.timeout().toSeconds();
        return s % 60 == 0 ? (s / 60) + (s == 60 ? " minute" : " minutes") : s + " seconds";
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        String line = nl < 0 ? t : t.substring(0, nl);
        return line.startsWith("error: ") ? line.substring(7) : line;
    }
}
