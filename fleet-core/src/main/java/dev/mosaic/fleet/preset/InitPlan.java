package dev.mosaic.fleet.preset;

import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.Names;
import dev.mosaic.fleet.roster.RosterException;
import dev.mosaic.fleet.roster.Secrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the init wizard decided, from which {@link RosterTemplate} writes a roster.
 *
 * @param preset the preset name (becomes {@code fleet.type})
 * @param fleetName the fleet name
 * @param workdir the working directory of every agent ({@code ~} allowed)
 * @param orchestrator the orchestrator agent
 * @param agents the agents kept from the preset
 * @param connectorType the chat connector chosen, or {@code null} for none
 * @param connectorValues its configuration; secrets only as {@code ${env:..}} / {@code ${file:..}} references
 * @param ownerIds the owner principal's platform ids (platform to user id)
 */
public record InitPlan(String preset, String fleetName, String workdir, AgentSpec orchestrator, List<AgentSpec> agents,
                       String connectorType, Map<String, String> connectorValues, Map<String, String> ownerIds) {

    public InitPlan {
        Objects.requireNonNull(preset, "preset");
        Names.require("fleet", fleetName);
        Objects.requireNonNull(orchestrator, "orchestrator");
        agents = List.copyOf(agents);
        connectorValues = connectorValues == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(connectorValues));
        ownerIds = ownerIds == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ownerIds));
        for (Map.Entry<String, String> e : connectorValues.entrySet()) {
            if (Secrets.isReference(e.getValue())) {
                continue;
            }
            if (e.getValue() != null && e.getValue().contains("${")) {
                throw new RosterException("connector value " + e.getKey() + " '" + e.getValue() + "' is a malformed"
                        + " secret reference");
            }
        }
    }
}
