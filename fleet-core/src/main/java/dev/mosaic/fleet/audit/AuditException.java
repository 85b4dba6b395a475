package dev.mosaic.fleet.audit;

import dev.mosaic.fleet.MosaicException;

/** The audit log cannot be written or read; the message names the file and line. */
public class AuditException extends MosaicException {

    private static final long serialVersionUID = 1L;

    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
