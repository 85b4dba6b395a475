package dev.mosaic.fleet.roster;

import dev.mosaic.fleet.MosaicException;

/** A roster that cannot be read, validated or written; the message names file, line and value. */
public class RosterException extends MosaicException {

    private static final long serialVersionUID = 1L;

    public RosterException(String message) {
        super(message);
    }

    public RosterException(String message, Throwable cause) {
        super(message, cause);
    }

    public RosterException(Kind kind, String message) {
        super(kind, message);
    }

    public RosterException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    /** Without a named kind: {@link Kind#INVALID}. */
    @Override
    protected Kind defaultKind() {
        return Kind.INVALID;
    }
}
