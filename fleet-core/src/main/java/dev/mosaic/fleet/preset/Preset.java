package dev.mosaic.fleet.preset;

import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.Names;
import java.util.List;
import java.util.Objects;

/**
 * A configuration type offered by {@code mosaic fleet init}: a recommended set of agents plus the
 * one orchestrator.
 *
 * @param name the preset name (general, coding, research, hybrid, demo, or a user preset)
 * @param description one line for the wizard
 * @param orchestrator the orchestrator agent (role {@code orchestrator})
 * @param agents the recommended agents, in order
 */
public record Preset(String name, String description, AgentSpec orchestrator, List<AgentSpec> agents) {

    public Preset {
        Names.require("preset", name);
        Objects.requireNonNull(orchestrator, "orchestrator");
        description = description == null ? name : description;
        agents = List.copyOf(agents);
    }
}
