package dev.mosaic.fleet.update;

import dev.mosaic.fleet.FleetException;

/** A harness update that cannot be planned or run; the message names the runtime, host or value. */
public final class UpdateException extends FleetException {

    private static final long serialVersionUID = 1L;

    public UpdateException(String message) {
        super(message);
    }

    public UpdateException(Kind kind, String message) {
        super(kind, message);
    }
}
