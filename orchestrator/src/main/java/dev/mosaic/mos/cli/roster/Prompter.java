package dev.mosaic.mos.cli.roster;

import org.jspecify.annotations.Nullable;
/** Asks a person questions; the wizard's only view of the terminal, so it can be driven by any front end. */
interface Prompter extends AutoCloseable {

    /** Asks one question; an empty answer gives {@code defaultValue} (which may be {@code null}). */
    @Nullable String ask(String question, @Nullable String defaultValue);

    /** Asks for a secret without echoing it. */
    String askSecret(String question);

    /** Shows one line. */
    void say(String line);

    @Override
    void close();
}
