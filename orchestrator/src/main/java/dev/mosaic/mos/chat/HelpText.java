package dev.mosaic.mos.chat;

import dev.mosaic.mos.app.Verb;
import dev.mosaic.fleet.roster.Role;

import java.util.Locale;

/** The text of {@code help} and {@code help <verb>}, tailored to what the asker may run. */
final class HelpText {

    private HelpText() {
    }

    /** The verbs {@code role} may run, one per line, and how to address Mos. */
    static String forRole(Role role, String prefix) {
        StringBuilder b = new StringBuilder("Commands you can run (you are ").append(Authorizer.article(role)).append("):\n");
        for (Verb v : Verb.values()) {
            if (role.includes(v.minRole())) {
                b.append("- `").append(v.usage()).append("` — ").append(v.summary()).append('\n');
            }
        }
        if (role.includes(Role.OPERATOR)) {
            b.append("- `ask <text>` — pass text to the orchestrator agent even when it starts with a verb\n");
            b.append("Anything else you write to Mos goes to the orchestrator agent.\n");
        }
        b.append("In a channel start with `").append(prefix).append("` (or mention Mos); in a direct message just type.");
        return b.toString();
    }

    /** One verb explained, or a pointer back to the list. */
    static String forVerb(String word, Role role, String prefix) {
        return Verb.of(word).map(v -> {
            String s = "`" + v.usage() + "` — " + v.summary() + ". Needs the " + v.minRole().key() + " role";
            return s + (role.includes(v.minRole()) ? "." : "; you are " + Authorizer.article(role) + ".");
        }).orElseGet(() -> "There is no verb '" + word.toLowerCase(Locale.ROOT) + "'.\n" + forRole(role, prefix));
    }
}
