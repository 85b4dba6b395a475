package dev.mosaic.fleet.update;

import java.time.Duration;
import java.util.List;

/**
 * What {@code mosaic fleet update} is asked to do.
 *
 * @param runtimes the runtimes to update (empty: every updatable runtime the roster's agents use)
 * @param agents only these agents are restarted (empty: every agent of those runtimes)
 * @param host only this host ({@code null}: every host with such agents)
 * @param to the target version ({@code null}: the newest the profile's {@code latestCommand} reports)
 * @param force restart agents that are working or waiting for a person too (interrupts their work)
 * @param drainTimeout how long to wait for busy agents to go idle before they are skipped
 * @param readyTimeout how long a restarted agent has to come back ready and healthy
 * @param commandTimeout how long an install or update command may run
 */
public record UpdateOptions(List<String> runtimes, List<String> agents, String host, String to, boolean force,
                            Duration drainTimeout, Duration readyTimeout, Duration commandTimeout) {

    public static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    public static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(10);

    public UpdateOptions {
        runtimes = runtimes == null ? List.of() : List.copyOf(runtimes);
        agents = agents == null ? List.of() : List.copyOf(agents);
        drainTimeout = drainTimeout == null ? DRAIN_TIMEOUT : drainTimeout;
        readyTimeout = readyTimeout == null ? READY_TIMEOUT : readyTimeout;
        commandTimeout = commandTimeout == null ? COMMAND_TIMEOUT : commandTimeout;
        if (to != null && !Versions.VALID.matcher(to).matches()) {
            throw new UpdateException("version '" + to + "' is not a version: use letters, digits, '.', '-', '+' (e.g. 0.73.1)");
        }
    }

    /** The defaults: every runtime, every agent, the newest version, no force. */
    public static UpdateOptions of(List<String> runtimes, String to) {
        return new UpdateOptions(runtimes, List.of(), null, to, false, null, null, null);
    }
}
