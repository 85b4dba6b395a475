package dev.mosaic.mos.chat;

import dev.mosaic.mos.app.Verb;

/** What an inbound message means to Mos, as {@link CommandParser} reads it. */
public sealed interface ParsedMessage {

    /** Not addressed to Mos (an ordinary message without the prefix): ignored without a reply. */
    record NotForMos() implements ParsedMessage {
    }

    /** A command with a known verb. */
    record Command(ChatCommand command) implements ParsedMessage {
    }

    /** Free text for the orchestrator agent. */
    record FreeText(String text) implements ParsedMessage {
    }

    /** A first word that is almost a verb: most likely a typo, so Mos asks instead of guessing. */
    record UnknownVerb(String word, Verb suggestion) implements ParsedMessage {
    }

    /** Addressed to Mos but unreadable (an unclosed quote); the message says why. */
    record Malformed(String message) implements ParsedMessage {
    }
}
