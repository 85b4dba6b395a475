package dev.mosaic.mos.chat;

import dev.mosaic.mos.app.Verb;
import java.util.List;
import java.util.Objects;

/**
 * A parsed chat command: a verb and its arguments, quotes already removed.
 *
 * @param verb what to do
 * @param args the arguments in order, e.g. {@code ["coder-1", "fix the bug; then test"]}
 */
public record ChatCommand(Verb verb, List<String> args) {

    public ChatCommand {
        Objects.requireNonNull(verb, "verb");
        args = List.copyOf(args);
    }

    public static ChatCommand of(Verb verb, String... args) {
        return new ChatCommand(verb, List.of(args));
    }

    /** The first argument, usually the agent (or {@code all}); empty when there is none. */
    public String target() {
        return args.isEmpty() ? "" : args.get(0);
    }

    /** How the command reads in chat, for confirmation prompts and audit. */
    public String display() {
        StringBuilder b = new StringBuilder(verb.word());
        for (String a : args) {
            b.append(' ').append(a.isEmpty() || a.chars().anyMatch(Character::isWhitespace) ? '"' + a + '"' : a);
        }
        return b.toString();
    }
}
