package dev.mosaic.mos.cli.roster;

import org.jspecify.annotations.Nullable;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.CommandLine;
import dev.mosaic.fleet.roster.HostSpec;
import dev.mosaic.fleet.roster.Principal;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.Secrets;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import dev.mosaic.fleet.runtime.RuntimeProfiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The effective roster as plain maps for {@code fleet config} and {@code agent list}: runtime
 * profiles applied, secrets masked as {@code ***} (references, and values under secret-looking keys).
 */
final class EffectiveRoster {

    static final String CONFIG_SCHEMA = "mosaic.fleet.config/v1";
    static final String AGENTS_SCHEMA = "mosaic.fleet.agents/v1";
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(token|secret|password|passwd|apikey|key)$");

    private EffectiveRoster() {
    }

    /**
     * @param environment this shell's variables: a connector secret reference that resolves shows as
     *     {@code ***}; one that does not shows itself with why ({@code ${env:X} (not set in this shell)}),
     *     since only the service needs the value
     */
    static Map<String, Object> config(Roster r, RuntimeProfiles profiles, Map<String, String> environment) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("schema", CONFIG_SCHEMA);
        out.put("file", r.source() == null ? null : r.source().toString());
        out.put("version", r.version());
        Map<String, Object> fleet = new LinkedHashMap<>();
        fleet.put("name", r.fleet().name());
        fleet.put("type", r.fleet().type());
        fleet.put("comms", r.fleet().comms().key());
        out.put("fleet", fleet);
        Map<String, Object> hosts = new LinkedHashMap<>();
        for (HostSpec h : r.hosts().values()) {
            Map<String, Object> hm = new LinkedHashMap<>();
            hm.put("ssh", h.ssh());
            hm.put("tmuxSocket", h.tmuxSocket());
            if (h.port() != null) {
                hm.put("port", h.port());
            }
            if (h.user() != null) {
                hm.put("user", h.user());
            }
            if (h.identityFile() != null) {
                hm.put("identityFile", h.identityFile());
            }
            if (!h.sshOptions().isEmpty()) {
                hm.put("sshOptions", new java.util.TreeMap<>(h.sshOptions()));
            }
            hosts.put(h.name(), hm);
        }
        out.put("hosts", hosts);
        Map<String, Object> orch = agent(r.orchestrator().agent(), r, profiles);
        Map<String, Object> connectors = new LinkedHashMap<>();
        r.orchestrator().connectors().forEach((type, values) -> connectors.put(type,
                unresolved(mask(values), values, environment)));
        orch.put("connectors", connectors);
        out.put("orchestrator", orch);
        Map<String, Object> principals = new LinkedHashMap<>();
        for (Principal p : r.principals().values()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("role", p.role().key());
            pm.putAll(p.ids());
            principals.put(p.name(), pm);
        }
        out.put("principals", principals);
        out.put("agents", agents(r, profiles, false));
        return out;
    }

    static List<Map<String, Object>> agents(Roster r, RuntimeProfiles profiles, boolean withOrchestrator) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (AgentSpec a : withOrchestrator ? r.allAgents() : r.agents()) {
            list.add(agent(a, r, profiles));
        }
        return list;
    }

    static Map<String, Object> agent(AgentSpec a, Roster r, RuntimeProfiles profiles) {
        RuntimeProfile p = profiles.resolve(r, a.runtime());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("role", a.role());
        m.put("runtime", a.runtime());
        m.put("host", a.host());
        m.put("workdir", a.workdir() == null ? "~" : a.workdir());
        m.put("orchestrator", r.isOrchestrator(a.name()));
        m.put("command", a.command() == null ? p.command() : CommandLine.split(a.command()));
        Map<String, String> env = new LinkedHashMap<>(p.env());
        env.putAll(a.env());
        m.put("env", mask(new LinkedHashMap<>(env)));
        m.put("enterDelayMs", p.enterDelay().toMillis());
        m.put("readyPattern", p.readyPattern());
        m.put("updateCommand", p.updateCommand());
        return m;
    }

    /** Replaces the mask of each reference that does not resolve here with the reference and the reason. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> unresolved(Map<String, Object> masked, Map<String, ?> raw,
                                                  Map<String, String> environment) {
        raw.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m && masked.get(k) instanceof Map<?, ?> mm) {
                unresolved((Map<String, Object>) mm, (Map<String, ?>) m, environment);
            } else if (v instanceof String s && Secrets.isReference(s)) {
                String why = why(s, environment);
                if (why != null) {
                    masked.put(k, s + " (" + why + ")");
                }
            }
        });
        return masked;
    }

    private static @Nullable String why(String ref, Map<String, String> environment) {
        try {
            Secrets.resolve(ref, environment);
            return null;
        } catch (MosaicException e) {
            return ref.startsWith("${env:") ? "not set in this shell" : "cannot be read here";
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mask(Map<String, ?> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                out.put(k, mask((Map<String, ?>) m));
            } else if (v instanceof String s) {
                out.put(k, Secrets.isReference(s) || (SECRET_KEY.matcher(k).matches() && !s.isEmpty()) ? Secrets.MASK
                        : Secrets.mask(s));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }
}
