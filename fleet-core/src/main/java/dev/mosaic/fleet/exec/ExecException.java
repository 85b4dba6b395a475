package dev.mosaic.fleet.exec;

import dev.mosaic.fleet.MosaicException;

/** A process could not be started or did not finish in time; the message names the program. */
public class ExecException extends MosaicException {

    private static final long serialVersionUID = 1L;

    public ExecException(String message) {
        super(message);
    }

    public ExecException(String message, Throwable cause) {
        super(message, cause);
    }
}
