package dev.mosaic.fleet.roster;

import dev.mosaic.fleet.runtime.RuntimeProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated roster: the fleet's source of truth, as loaded from {@code roster.yaml}.
 * Immutable; edits go through {@link RosterStore#update}, which edits the YAML node tree so the
 * user's comments and formatting survive.
 *
 * @param source the file it was read from (for messages), or {@code null} when built in memory
 * @param version the format version, currently 1
 * @param fleet the {@code fleet:} block
 * @param hosts declared hosts by name ({@code local} is implicit and not listed)
 * @param orchestrator the one orchestrator agent
 * @param principals who may command Mos, by name
 * @param agents the other agents, in file order
 * @param runtimes runtime profile overrides and additions from the {@code runtimes:} block
 */
public record Roster(Path source, int version, FleetInfo fleet, Map<String, HostSpec> hosts,
                     OrchestratorSpec orchestrator, Map<String, Principal> principals, List<AgentSpec> agents,
                     Map<String, RuntimeProfile> runtimes) {

    public static final int CURRENT_VERSION = 1;

    public Roster {
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(orchestrator, "orchestrator");
        hosts = Map.copyOf(hosts);
        principals = Map.copyOf(principals);
        agents = List.copyOf(agents);
        runtimes = Map.copyOf(runtimes);
    }

    /** The orchestrator first, then the other agents in file order. */
    public List<AgentSpec> allAgents() {
        List<AgentSpec> all = new ArrayList<>(agents.size() + 1);
        all.add(orchestrator.agent());
        all.addAll(agents);
        return all;
    }

    public Optional<AgentSpec> agent(String name) {
        return allAgents().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public boolean isOrchestrator(String name) {
        return orchestrator.agent().name().equals(name);
    }

    /** The host an agent lives on; {@code local} when it names none. */
    public HostSpec host(String name) {
        if (HostSpec.LOCAL.equals(name)) {
            return hosts.getOrDefault(HostSpec.LOCAL, HostSpec.local());
        }
        HostSpec h = hosts.get(name);
        if (h == null) {
            throw new RosterException("host '" + name + "' is not declared under hosts:");
        }
        return h;
    }

    /** Principals by platform id on one platform, for authorization. */
    public Map<String, Principal> principalsOn(String platform) {
        Map<String, Principal> byId = new LinkedHashMap<>();
        for (Principal p : principals.values()) {
            p.idOn(platform).ifPresent(id -> byId.put(id, p));
        }
        return byId;
    }
}
