package dev.mosaic.fleet;

/** A fleet action failed: an unknown agent, tmux down, a missing runtime binary, ... */
public class FleetException extends MosaicException {

    private static final long serialVersionUID = 1L;

    public FleetException(String message) {
        super(message);
    }

    public FleetException(String message, Throwable cause) {
        super(message, cause);
    }
}
