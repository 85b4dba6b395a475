package dev.mosaic.mos.chat;

import org.jspecify.annotations.Nullable;
import dev.mosaic.fleet.roster.DidYouMean;
import dev.mosaic.mos.app.Verb;
import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.InboundMessage;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads an inbound message as a command, free text for the orchestrator agent, or nothing.
 *
 * <p>Direct messages, mentions and slash commands are always for Mos. An ordinary message in a
 * channel is for Mos only when it starts with the prefix (default {@code !mos}). After that, a
 * first word that is a verb makes a command; a first word within edit distance 2 of a verb (in a
 * short message) is treated as a typo; anything else is free text.
 */
public final class CommandParser {

    /** Messages longer than this many words are sentences, never typos of a verb. */
    private static final int MAX_WORDS_FOR_TYPO = 4;

    /** The word that marks the rest of a message as free text for the orchestrator agent. */
    static final String ASK = Verb.ASK;

    private final String prefix;

    /** @param prefix what an ordinary channel message must start with to reach Mos, e.g. {@code "!mos"} */
    public CommandParser(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isBlank() || prefix.chars().anyMatch(Character::isWhitespace)) {
            throw new ChatException("chat prefix must be one word without spaces, was '" + prefix + "'");
        }
        this.prefix = prefix;
    }

    public ParsedMessage parse(InboundMessage message) {
        String body = body(message);
        if (body == null) {
            return new ParsedMessage.NotForMos();
        }
        if (message.addressing() == Addressing.SLASH_COMMAND && body.startsWith("/")) {
            body = body.substring(1);
        }
        if (body.isBlank()) {
            return new ParsedMessage.Command(ChatCommand.of(Verb.HELP));
        }
        List<String> words;
        try {
            words = Tokenizer.tokenize(body);
        } catch (ChatException e) {
            return new ParsedMessage.Malformed(e.getMessage());
        }
        String first = words.get(0);
        if (first.equalsIgnoreCase(ASK) && words.size() > 1) {
            // "ask <text>" (and Discord's "/mos ask text:") marks free text explicitly, so a question
            // that starts with a verb word ("status of the build?") still reaches the orchestrator agent.
            // One quoted argument (how slash commands pass it) is taken without its quotes.
            String text = words.size() == 2 ? words.get(1) : body.strip().substring(ASK.length()).strip();
            return new ParsedMessage.FreeText(text);
        }
        var verb = Verb.of(first);
        if (verb.isPresent()) {
            List<String> args = words.subList(1, words.size());
            String asWritten = verb.get() == Verb.SEND && message.addressing() != Addressing.SLASH_COMMAND
                    && args.size() > 2 ? afterTwoWords(body) : null;
            if (asWritten != null) {
                // the text of a typed send arrives exactly as written: "send echo-1 say "hi"" types say "hi"
                args = List.of(args.get(0), asWritten);
            }
            return new ParsedMessage.Command(new ChatCommand(verb.get(), args));
        }
        if (words.size() <= MAX_WORDS_FOR_TYPO) {
            Verb close = closestVerb(first.toLowerCase(Locale.ROOT));
            if (close != null) {
                return new ParsedMessage.UnknownVerb(first, close);
            }
        }
        return new ParsedMessage.FreeText(body.strip());
    }

    /**
     * What follows the verb and the agent name, exactly as written: {@code send echo-1 say "hi"}
     * types {@code say "hi"}, quotes included. Only asked when the text is more than one token;
     * one wholly quoted text ({@code send coder-1 "fix it; then test"}) keeps meaning its content.
     */
    static @Nullable String afterTwoWords(String body) {
        java.util.regex.Matcher m = AFTER_TWO_WORDS.matcher(body.strip());
        return m.matches() ? m.group(1) : null;
    }

    // verb, then the agent (a plain word, or quoted as a slash form would quote it), then the text
    private static final java.util.regex.Pattern AFTER_TWO_WORDS = java.util.regex.Pattern.compile(
            "\\S+\\s+(?:\"[^\"]*\"|'[^']*'|\\S+)\\s(.*)", java.util.regex.Pattern.DOTALL);

    /** The text meant for Mos, or null when the message is not addressed to it. */
    private @Nullable String body(InboundMessage m) {
        String text = m.text().strip();
        if (m.addressing() != Addressing.NONE) {
            return stripPrefix(text) != null ? stripPrefix(text) : text;
        }
        return stripPrefix(text);
    }

    private @Nullable String stripPrefix(String text) {
        if (text.regionMatches(true, 0, prefix, 0, prefix.length())
                && (text.length() == prefix.length() || Character.isWhitespace(text.charAt(prefix.length())))) {
            return text.substring(prefix.length()).strip();
        }
        return null;
    }

    /**
     * The verb within edit distance 1 (words of up to 5 letters) or 2 (longer words) of {@code word},
     * or null. The distance must also be smaller than the word's length minus one, so short words
     * ("hi", "ok") are never taken for verbs.
     */
    static @Nullable Verb closestVerb(String word) {
        Verb best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Verb v : Verb.values()) {
            int d = DidYouMean.distance(word, v.word()); // "stpo" is 1 from "stop"
            if (d < bestDistance) {
                best = v;
                bestDistance = d;
            }
        }
        // Short words get one edit ("stpo" -> stop), longer ones two ("restrat" -> restart); a
        // greeting such as "hello" (two edits from "help") must reach the orchestrator agent.
        int allowed = word.length() <= 5 ? 1 : 2;
        return bestDistance <= allowed && bestDistance < word.length() - 1 ? best : null;
    }
}
