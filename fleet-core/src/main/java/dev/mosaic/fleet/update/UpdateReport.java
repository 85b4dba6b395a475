package dev.mosaic.fleet.update;

import java.util.List;

/**
 * What an update run did: one record of {@code mosaic fleet update --history}.
 *
 * @param id the run's id (also its log's name)
 * @param startedAt ISO-8601 UTC
 * @param finishedAt ISO-8601 UTC
 * @param actor who ran it ({@code cli:alice}, {@code discord:123}, {@code agent:mos})
 * @param result {@code ok}, {@code partial} (some agents skipped), {@code rolled-back} or {@code failed}
 * @param hosts what happened to each runtime's installation per host
 * @param agents what happened to each agent
 * @param log the file holding the install commands' output
 */
public record UpdateReport(String id, String startedAt, String finishedAt, String actor, String result,
                           List<HostResult> hosts, List<AgentResult> agents, String log) {

    public UpdateReport {
        hosts = List.copyOf(hosts);
        agents = List.copyOf(agents);
    }

    /**
     * @param result {@code updated}, {@code installed}, {@code current}, {@code failed},
     *     {@code rolled-back} (the old version is back), {@code rollback-failed}
     */
    public record HostResult(String runtime, String host, String from, String to, String result, String detail) {
    }

    /**
     * @param result {@code updated} (restarted on the new version, ready), {@code skipped} (busy
     *     until the drain timeout; still on the old version), {@code not-running} (starts on the new
     *     version next time), {@code unchanged} (the rollout stopped before it), {@code rolled-back}
     *     (restarted on the old version, ready), {@code failed}
     * @param version the version it runs now, when Mos restarted it
     */
    public record AgentResult(String name, String runtime, String host, String result, String version, String detail) {
    }

    /** True when every agent ended on the target or will start on it. */
    public boolean ok() {
        return "ok".equals(result);
    }
}
