package dev.mosaic.fleet;

/**
 * Base of the one-exception-per-area types of Mos (roster, tmux, audit, ...). Its message is
 * written for the person who has to fix the problem: it names the file, line or value involved.
 * Surfaces map it in one place (CLI exit code 1, HTTP 4xx/5xx JSON, a chat reply).
 */
public class MosaicException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MosaicException(String message) {
        super(message);
    }

    public MosaicException(String message, Throwable cause) {
        super(message, cause);
    }
}
