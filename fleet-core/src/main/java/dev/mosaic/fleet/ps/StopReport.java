package dev.mosaic.fleet.ps;

import java.util.List;

/**
 * What {@code stop} did.
 *
 * @param stopped agents whose session was killed
 * @param notRunning agents that had no session
 * @param drift sessions tmux has that the roster lacks (reported, not touched)
 */
public record StopReport(List<String> stopped, List<String> notRunning, List<String> drift) {

    public StopReport {
        stopped = List.copyOf(stopped);
        notRunning = List.copyOf(notRunning);
        drift = List.copyOf(drift);
    }
}
