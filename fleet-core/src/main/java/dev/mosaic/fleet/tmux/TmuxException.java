package dev.mosaic.fleet.tmux;

import dev.mosaic.fleet.MosaicException;

/** tmux refused a command or is not reachable; the message carries tmux's own words. */
public class TmuxException extends MosaicException {

    private static final long serialVersionUID = 1L;

    private final boolean serverDown;

    public TmuxException(String message, boolean serverDown) {
        super(message);
        this.serverDown = serverDown;
    }

    /** True when no tmux server runs on the socket (nothing has been started yet, or it died). */
    public boolean serverDown() {
        return serverDown;
    }
}
