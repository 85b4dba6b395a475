package dev.mosaic.fleet.ps;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The whole fleet at one instant: the {@code mosaic.fleet.ps/v1} contract as records.
 *
 * @param generatedAt when it was taken
 * @param fleet the fleet name
 * @param agents roster agents (orchestrator first, file order), then unmanaged sessions
 */
public record FleetSnapshot(Instant generatedAt, String fleet, List<AgentStatus> agents) {

    public static final String SCHEMA = "mosaic.fleet.ps/v1";

    public FleetSnapshot {
        agents = List.copyOf(agents);
    }

    public Optional<AgentStatus> agent(String name) {
        return agents.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
