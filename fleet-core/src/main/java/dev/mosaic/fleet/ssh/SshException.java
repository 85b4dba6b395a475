package dev.mosaic.fleet.ssh;

import dev.mosaic.fleet.MosaicException;

/** A remote host could not be reached or refused us; the message names the host and the reason. */
public class SshException extends MosaicException {

    private static final long serialVersionUID = 1L;

    public SshException(String message) {
        super(message);
    }
}
