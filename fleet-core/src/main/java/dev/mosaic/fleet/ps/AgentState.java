package dev.mosaic.fleet.ps;

import java.util.Locale;

/** An agent's state in {@code ps} (the v1 contract's {@code state} values). */
public enum AgentState {
    /** In the roster, its session exists and the pane's process lives. */
    RUNNING,
    /** In the roster, no session. */
    STOPPED,
    /** The session exists but the agent's process exited (the pane is kept by remain-on-exit). */
    CRASHED,
    /** A session tmux has that the roster lacks ({@code managed=false}). */
    MISSING,
    /** The agent's host could not be asked (ssh failed); see {@code detail}. */
    UNKNOWN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
