package dev.mosaic.mos.chat;


/**
 * Replaces secret-looking strings with {@code [redacted]} in agent output before it is relayed to
 * chat. An agent's terminal may show a token (an {@code env} dump, a curl with a header); a chat
 * channel is no place for it. Errs on the side of hiding: a redacted hash costs less than a leaked
 * key.
 */
public final class Redactor {

    public static final String MARK = dev.mosaic.fleet.redact.Redactor.MARK;

    private Redactor() {
    }

    /** {@code text} with every secret-looking string replaced by {@value #MARK} (fleet-core's rules). */
    public static String redact(String text) {
        return dev.mosaic.fleet.redact.Redactor.redact(text);
    }
}
