package dev.mosaic.mos.service;

import dev.mosaic.fleet.MosaicException;

/** The one exception type of the Mos service: its message names the file, value or agent involved. */
public class ServiceException extends MosaicException {

    private static final long serialVersionUID = 1L;

    public ServiceException(String message) {
        super(message);
    }

    public ServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
