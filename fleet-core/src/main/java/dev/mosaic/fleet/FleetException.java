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

    public FleetException(Kind kind, String message) {
        super(kind, message);
    }

    public FleetException(Kind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    /** Without a named kind: {@link Kind#CONFLICT}. */
    @Override
    protected Kind defaultKind() {
        return Kind.CONFLICT;
    }
}
