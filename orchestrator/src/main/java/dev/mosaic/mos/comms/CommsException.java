package dev.mosaic.mos.comms;

import dev.mosaic.fleet.MosaicException;

/** Comms mode failed: no Matrix connector, a room could not be provisioned, the service is not running. */
public class CommsException extends MosaicException {
    private static final long serialVersionUID = 1L;

    public CommsException(String message) {
        super(message);
    }

    public CommsException(String message, Throwable cause) {
        super(message, cause);
    }
}
