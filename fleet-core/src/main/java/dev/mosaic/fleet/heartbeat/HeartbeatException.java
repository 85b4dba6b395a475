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
}
