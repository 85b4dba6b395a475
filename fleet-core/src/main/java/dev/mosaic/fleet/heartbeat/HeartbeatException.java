package dev.mosaic.fleet.heartbeat;

import dev.mosaic.fleet.MosaicException;

/** A heartbeat could not be written; the message names the file or the bad value. */
public class HeartbeatException extends MosaicException {

    private static final long serialVersionUID = 1L;

    public HeartbeatException(String message) {
        super(message);
    }

    public HeartbeatException(String message, Throwable cause) {
        super(message, cause);
    }

    public HeartbeatException(Kind kind, String message) {
        super(kind, message);
    }

    public HeartbeatException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    /** Without a named kind: {@link Kind#INVALID}. */
    @Override
    protected Kind defaultKind() {
        return Kind.INVALID;
    }
}
