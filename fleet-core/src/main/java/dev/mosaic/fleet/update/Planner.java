package dev.mosaic.fleet.update;

import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.RuntimeResolver;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.ps.AgentStatus;
import dev.mosaic.fleet.ps.FleetSnapshot;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.HostSpec;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes an {@link UpdatePlan}: the runtimes asked for (or every updatable one the roster's agents
 * use), per host the installed version, the target, and the affected agents. Reads only: it runs
 * the profiles' version commands and nothing else.
 */
final class Planner {

    private final Fleet fleet;
    private final RuntimeResolver runtimes;
    private final HostCommands cmds;
    private final Clock clock;

    Planner(Fleet fleet, RuntimeResolver runtimes, HostCommands cmds, Clock clock) {
        this.fleet = fleet;
        this.runtimes = runtimes;
        this.cmds = cmds;
        this.clock = clock;
    }

    UpdatePlan plan(UpdateOptions o) {
        Roster r = fleet.roster();
        for (String a : o.agents()) {
            Fleet.requireAgent(r, a);
        }
        if (o.host() != null) {
            r.host(o.host()); // names an unknown host
        }
        Set<String> names = new LinkedHashSet<>(o.runtimes());
        if (names.isEmpty()) {
            for (AgentSpec a : r.allAgents()) {
                if (chosen(a, o) && runtimes.resolve(r, a.runtime()).updatable()) {
                    names.add(a.runtime());
                }
            }
            if (names.isEmpty()) {
                throw new UpdateException(MosaicException.Kind.NOT_FOUND, "no agent to update: none of the chosen agents"
                        + " runs a runtime with an update or install command; name one with --runtime");
            }
        }
        FleetSnapshot ps = fleet.ps();
        List<UpdatePlan.Step> steps = new ArrayList<>();
        for (String name : names) {
            RuntimeProfile p = runtimes.resolve(r, name);
            if (!p.updatable()) {
                throw new UpdateException(MosaicException.Kind.INVALID, "runtime '" + name + "' has no updateCommand or"
                        + " installCommand, so Mos cannot update it (see docs/updates.md)");
            }
            if (o.to() != null && o.runtimes().isEmpty() && names.size() > 1) {
                throw new UpdateException(MosaicException.Kind.INVALID, "--to " + o.to() + " names one version but the"
                        + " agents use several runtimes " + names + ": add --runtime");
            }
            String target = o.to() != null ? o.to() : Versions.latest(cmds, p);
            Map<String, List<UpdatePlan.Affected>> byHost = new LinkedHashMap<>();
            for (AgentSpec a : r.allAgents()) {
                if (a.runtime().equals(name) && chosen(a, o)) {
                    AgentStatus s = ps.agent(a.name()).orElse(null);
                    byHost.computeIfAbsent(a.host(), h -> new ArrayList<>()).add(new UpdatePlan.Affected(a.name(),
                            s == null ? "unknown" : s.state().wire(), s == null ? null : s.heartbeat().activity()));
                }
            }
            if (byHost.isEmpty()) {
                // no agent of it yet: update (or first install) on the chosen host, else this machine
                byHost.put(o.host() != null ? o.host() : HostSpec.LOCAL, List.of());
            }
            for (var e : byHost.entrySet()) {
                HostSpec host = r.host(e.getKey());
                String installed = Versions.installed(cmds, p, host);
                String action = installed == null ? "install" : installed.equals(target) ? "current" : "update";
                steps.add(new UpdatePlan.Step(name, host.name(), installed, target, action, e.getValue()));
            }
        }
        return new UpdatePlan(clock.instant().toString(), steps);
    }

    private static boolean chosen(AgentSpec a, UpdateOptions o) {
        return (o.agents().isEmpty() || o.agents().contains(a.name())) && (o.host() == null || o.host().equals(a.host()));
    }
}
