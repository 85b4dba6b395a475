package dev.mosaic.fleet.ps;

import java.util.List;
import java.util.Map;

/**
 * What {@code start} did.
 *
 * @param started agents whose session was created
 * @param alreadyRunning agents left alone because they run
 * @param failed agent to the reason it could not start
 * @param drift sessions tmux has that the roster lacks (reported, not touched)
 */
public record StartReport(List<String> started, List<String> alreadyRunning, Map<String, String> failed,
                          List<String> drift) {

    public StartReport {
        started = List.copyOf(started);
        alreadyRunning = List.copyOf(alreadyRunning);
        failed = Map.copyOf(failed);
        drift = List.copyOf(drift);
    }
}
