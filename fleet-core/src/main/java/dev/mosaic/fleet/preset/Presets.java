package dev.mosaic.fleet.preset;

import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.NamedYamlSources;
import dev.mosaic.fleet.roster.RosterException;
import dev.mosaic.fleet.roster.RosterYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The presets {@code fleet init} offers: shipped ones ({@code mosaic/presets/<name>.yaml} on the
 * classpath, listed in {@code mosaic/presets/index.txt}) plus {@code <userPresetsDir>/<name>.yaml},
 * which add presets or shadow shipped ones of the same name.
 *
 * <p>A preset file: {@code description: ...}, {@code orchestrator: {name, runtime}} and
 * {@code agents: [{name, role, runtime}, ...]}.
 */
public final class Presets {

    private static final Set<String> KEYS = Set.of("description", "orchestrator", "agents");
    private static final Set<String> AGENT_KEYS = Set.of("name", "role", "runtime", "workdir", "host", "command");

    private final Map<String, Preset> presets;

    private Presets(Map<String, Preset> presets) {
        this.presets = Collections.unmodifiableMap(presets);
    }

    /**
     * Loads shipped presets and the user's ({@code userPresetsDir} may be {@code null} or missing).
     *
     * @throws RosterException naming the file of a bad preset
     */
    public static Presets load(Path userPresetsDir) {
        Map<String, Preset> all = new LinkedHashMap<>();
        NamedYamlSources.load("mosaic/presets/", userPresetsDir)
                .forEach((name, src) -> all.put(name, parse(name, src.text(), src.where())));
        return new Presets(all);
    }

    @SuppressWarnings("unchecked")
    private static Preset parse(String name, String text, String where) {
        Object plain = RosterYaml.plain(RosterYaml.compose(text, where));
        if (!(plain instanceof Map<?, ?> map)) {
            throw new RosterException(where + ": preset '" + name + "' must be a mapping");
        }
        try {
            for (Object k : map.keySet()) {
                if (!KEYS.contains(k)) {
                    throw new RosterException("unknown key '" + k + "': use one of " + KEYS.stream().sorted().toList());
                }
            }
            if (!(map.get("orchestrator") instanceof Map<?, ?> o)) {
                throw new RosterException("preset '" + name + "' needs orchestrator: {name, runtime}");
            }
            AgentSpec orch = agent((Map<String, Object>) o, AgentSpec.ORCHESTRATOR_ROLE);
            List<AgentSpec> agents = new ArrayList<>();
            Object list = map.get("agents");
            if (list instanceof List<?> l) {
                for (Object a : l) {
                    if (!(a instanceof Map<?, ?> am)) {
                        throw new RosterException("every agent must be a mapping {name, role, runtime}");
                    }
                    agents.add(agent((Map<String, Object>) am, null));
                }
            } else if (list != null) {
                throw new RosterException("agents must be a list");
            }
            return new Preset(name, text((Map<String, Object>) map, "description"), orch, agents);
        } catch (RosterException | IllegalArgumentException e) {
            throw new RosterException(where + ": " + e.getMessage(), e);
        }
    }

    private static AgentSpec agent(Map<String, Object> m, String forcedRole) {
        for (String k : m.keySet()) {
            if (!AGENT_KEYS.contains(k)) {
                throw new RosterException("unknown agent key '" + k + "': use one of " + AGENT_KEYS.stream().sorted().toList());
            }
        }
        String runtime = text(m, "runtime");
        if (runtime == null) {
            throw new RosterException("agent '" + m.get("name") + "' needs a runtime");
        }
        return new AgentSpec(text(m, "name"), forcedRole != null ? forcedRole : text(m, "role"), runtime,
                text(m, "workdir"), text(m, "host"), text(m, "command"), null);
    }

    /** A single value, or null when absent; a list or mapping is named as the mistake it is. */
    private static String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new RosterException(key + " must be a single value, found " + (v instanceof List ? "a list" : "a mapping"));
    }

    /** Every preset by name, shipped first (in index order), then the user's. */
    public Map<String, Preset> all() {
        return presets;
    }

    /**
     * The preset with that name.
     *
     * @throws RosterException listing the known presets
     */
    public Preset get(String name) {
        Preset p = presets.get(name);
        if (p == null) {
            throw new RosterException("preset '" + name + "' is unknown: use one of " + String.join(", ", presets.keySet()));
        }
        return p;
    }
}
