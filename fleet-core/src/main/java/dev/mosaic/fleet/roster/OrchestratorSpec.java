package dev.mosaic.fleet.roster;

import java.util.Map;
import java.util.Objects;

/**
 * The one orchestrator agent: the AI session that Mos bridges free-form chat to. It is a
 * separate block of the roster, so there is exactly one by construction.
 *
 * @param agent its agent definition (role is always {@code orchestrator})
 * @param connectors connector type to its raw configuration (values may be secret references,
 *     unresolved); e.g. {@code discord -> {token: "${env:DISCORD_BOT_TOKEN}", guild: "...", channel: "..."}}
 * @param offlineCommands what Mos does after a restart with chat commands sent while it was down
 */
public record OrchestratorSpec(AgentSpec agent, Map<String, Map<String, Object>> connectors,
                               OfflineCommands offlineCommands) {

    public OrchestratorSpec {
        Objects.requireNonNull(agent, "agent");
        connectors = connectors == null ? Map.of() : Map.copyOf(connectors);
        offlineCommands = offlineCommands == null ? OfflineCommands.TELL : offlineCommands;
    }

    /** With the default {@code offlineCommands: tell}. */
    public OrchestratorSpec(AgentSpec agent, Map<String, Map<String, Object>> connectors) {
        this(agent, connectors, OfflineCommands.TELL);
    }
}
