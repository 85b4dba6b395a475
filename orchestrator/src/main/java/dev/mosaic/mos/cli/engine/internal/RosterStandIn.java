package dev.mosaic.mos.cli.engine.internal;

import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.CommandLine;
import dev.mosaic.fleet.roster.FleetInfo;
import dev.mosaic.fleet.roster.HostSpec;
import dev.mosaic.fleet.roster.OrchestratorSpec;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.RosterException;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * STAND-IN until the roster branch ({@code RosterStore}, {@code RuntimeProfiles}) is merged: reads
 * the subset of roster.yaml the engine needs (fleet, hosts, orchestrator, agents, runtimes) with a
 * safe YAML loader, and knows the shipped runtimes by name. Replaced by the real classes in
 * {@link FleetFactory}; nothing else depends on it.
 */
final class RosterStandIn {

    private static final Map<String, List<String>> SHIPPED = Map.of("claude", List.of("claude"), "codex",
            List.of("codex"), "pi", List.of("pi"), "shell", List.of("bash", "--noprofile", "--norc", "-i"));

    private RosterStandIn() {
    }

    @SuppressWarnings("unchecked")
    static Roster load(Path file) {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new RosterException("roster " + file + " does not exist; create it with 'mosaic fleet init'");
        } catch (IOException e) {
            throw new RosterException("cannot read roster " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new RosterException("roster " + file + " is not valid YAML: " + e.getMessage());
        }
        if (!(doc instanceof Map<?, ?> root)) {
            throw new RosterException("roster " + file + " must be a mapping");
        }
        Map<String, Object> fleet = map(root.get("fleet"));
        Map<String, HostSpec> hosts = new LinkedHashMap<>();
        map(root.get("hosts")).forEach((name, v) -> hosts.put(name,
                new HostSpec(name, str(map(v).get("ssh")), str(map(v).get("tmuxSocket")))));
        AgentSpec orch = agent(map(root.get("orchestrator")), AgentSpec.ORCHESTRATOR_ROLE);
        List<AgentSpec> agents = root.get("agents") instanceof List<?> l
                ? l.stream().map(a -> agent(map(a), null)).toList() : List.of();
        Map<String, RuntimeProfile> runtimes = new LinkedHashMap<>();
        map(root.get("runtimes")).forEach((name, v) -> runtimes.put(name, profile(name, map(v))));
        return new Roster(file, 1, new FleetInfo(str(fleet.getOrDefault("name", "mosaic")),
                str(fleet.getOrDefault("type", "general")), null), hosts,
                new OrchestratorSpec(orch, Map.of()), Map.of(), agents, runtimes);
    }

    static RuntimeProfile resolve(Roster roster, String name) {
        RuntimeProfile p = roster.runtimes().get(name);
        if (p != null) {
            return p;
        }
        List<String> cmd = SHIPPED.get(name);
        if (cmd == null) {
            throw new RosterException("runtime '" + name + "' is unknown; known: " + SHIPPED.keySet()
                    + " and the roster's runtimes:");
        }
        return new RuntimeProfile(name, cmd, Map.of(), Duration.ZERO, List.of(), null, name);
    }

    private static AgentSpec agent(Map<String, Object> m, String role) {
        Map<String, String> env = new LinkedHashMap<>();
        map(m.get("env")).forEach((k, v) -> env.put(k, str(v)));
        return new AgentSpec(str(m.get("name")), role != null ? role : str(m.get("role")),
                str(m.getOrDefault("runtime", "pi")), str(m.get("workdir")), str(m.get("host")), str(m.get("command")),
                env);
    }

    private static RuntimeProfile profile(String name, Map<String, Object> m) {
        Object c = m.get("command");
        List<String> cmd = c instanceof List<?> l ? l.stream().map(RosterStandIn::str).toList()
                : c != null ? CommandLine.split(str(c)) : SHIPPED.getOrDefault(name, List.of(name));
        Object delay = m.get("enterDelayMs");
        Map<String, String> env = new LinkedHashMap<>();
        map(m.get("env")).forEach((k, v) -> env.put(k, str(v)));
        return new RuntimeProfile(name, cmd, env, Duration.ofMillis(delay instanceof Number n ? n.longValue() : 0),
                List.of(), null, name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
