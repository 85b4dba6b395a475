package dev.mosaic.mos.chat;

import dev.mosaic.fleet.MosaicException;

/**
 * A chat command cannot be understood or carried out (unclosed quote, missing argument, unknown
 * option). The message is written for the person in the chat and becomes the reply as it is.
 */
public class ChatException extends MosaicException {

    private static final long serialVersionUID = 1L;

    public ChatException(String message) {
        super(message);
    }

    public ChatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A person's mistake: {@link Kind#INVALID}. */
    @Override
    protected Kind defaultKind() {
        return Kind.INVALID;
    }
}
