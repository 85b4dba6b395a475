package dev.mosaic.fleet.roster;

import dev.mosaic.fleet.runtime.RuntimeProfile;
import dev.mosaic.fleet.runtime.RuntimeProfiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Turns a roster node tree into a validated {@link Roster}. Every problem is reported as ONE
 * {@link RosterException} "file:line: what is wrong with which value".
 */
final class RosterParser {

    private static final String SHELL_RUNTIME = "shell";
    private static final Set<String> TOP = Set.of("version", "fleet", "hosts", "orchestrator", "principals", "agents",
            "runtimes");
    private static final Set<String> FLEET = Set.of("name", "type", "comms");
    private static final Set<String> HOST = Set.of("ssh", "tmuxSocket", "port", "user", "identityFile", "sshOptions");
    private static final Set<String> AGENT = Set.of("name", "role", "runtime", "workdir", "host", "command", "env",
            "permissionMode");
    private static final Set<String> ORCHESTRATOR;

    static {
        Set<String> o = new HashSet<>(AGENT);
        o.add("connectors");
        o.add("offlineCommands");
        ORCHESTRATOR = Set.copyOf(o);
    }

    /** A secret reference and the line it sits on, checked by {@link RosterStore#load(Map)}. */
    record SecretRef(int line, String where, String ref) {
    }

    /** The result of a parse: the roster and its secret references. */
    record Parsed(Roster roster, List<SecretRef> secrets) {
    }

    private final Path file;
    private final String where;
    private final RuntimeProfiles base;
    private final ConnectorSchema schema;
    private final List<SecretRef> secrets = new ArrayList<>();

    RosterParser(Path file, RuntimeProfiles base, ConnectorSchema schema) {
        this.file = file;
        this.where = file == null ? "roster" : file.toString();
        this.base = base;
        this.schema = schema;
    }

    Parsed parse(Node root) {
        checkDuplicateKeys(root);
        MappingNode top = mapping(root, "the roster");
        checkKeys(top, TOP, "top level");
        Node versionNode = require(top, "version", "the roster");
        int version = at(versionNode, () -> {
            String v = scalar(versionNode, "version");
            if (!String.valueOf(Roster.CURRENT_VERSION).equals(v)) {
                throw new RosterException("version '" + v + "' is not supported: this Mos reads version "
                        + Roster.CURRENT_VERSION);
            }
            return Roster.CURRENT_VERSION;
        });
        FleetInfo fleet = fleet(require(top, "fleet", "the roster"));
        Map<String, HostSpec> hosts = hosts(RosterYaml.get(top, "hosts").orElse(null));
        Map<String, RuntimeProfile> runtimes = runtimes(RosterYaml.get(top, "runtimes").orElse(null));
        Set<String> runtimeNames = new HashSet<>(base.profiles().keySet());
        runtimeNames.addAll(runtimes.keySet());

        Node orchNode = require(top, "orchestrator", "the roster");
        if (orchNode instanceof SequenceNode) {
            throw err(orchNode, "orchestrator must be ONE mapping (a fleet has exactly one orchestrator), not a list");
        }
        MappingNode orchMap = mapping(orchNode, "orchestrator");
        checkKeys(orchMap, ORCHESTRATOR, "orchestrator");
        AgentSpec orchAgent = agent(orchMap, "orchestrator", true);
        Map<String, Map<String, Object>> connectors = connectors(RosterYaml.get(orchMap, "connectors").orElse(null));
        OrchestratorSpec orchestrator = new OrchestratorSpec(orchAgent, connectors,
                offlineCommands(RosterYaml.get(orchMap, "offlineCommands").orElse(null)));

        List<AgentSpec> agents = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        seen.put(orchAgent.name(), RosterYaml.line(orchMap));
        checkAgentRefs(orchMap, orchAgent, hosts, runtimeNames);
        if (!HostSpec.LOCAL.equals(orchAgent.host())) {
            // It steers the fleet with `mosaic fleet …`, which needs this roster and Mos's state: on
            // another host those commands would fail one by one, long after the roster was accepted.
            throw err(RosterYaml.get(orchMap, "host").orElse(orchMap), "orchestrator: host '" + orchAgent.host()
                    + "' is not allowed: the orchestrator runs where Mos runs (it steers the fleet with the"
                    + " mosaic CLI, which needs this roster); remove its host: and put worker agents on '"
                    + orchAgent.host() + "' instead");
        }
        if (SHELL_RUNTIME.equals(orchAgent.runtime()) && orchAgent.command() == null) {
            // Free chat text is typed into the orchestrator's terminal: in a shell it would run as commands.
            throw err(RosterYaml.get(orchMap, "runtime").orElse(orchMap), "orchestrator runtime 'shell' would run chat"
                    + " text as shell commands: use an AI harness (claude, codex, pi), demo-orchestrator, or give a command:");
        }
        Node agentsNode = RosterYaml.get(top, "agents").orElse(null);
        if (agentsNode != null && !isNull(agentsNode)) {
            if (!(agentsNode instanceof SequenceNode seq)) {
                throw err(agentsNode, "agents must be a list of agents (- name: ...)");
            }
            for (Node n : seq.getValue()) {
                MappingNode m = mapping(n, "an agent");
                checkKeys(m, AGENT, "agent");
                AgentSpec a = agent(m, "agent", false);
                Node nameNode = RosterYaml.get(m, "name").orElse(m);
                if (seen.containsKey(a.name())) {
                    throw err(nameNode, "agent name '" + a.name() + "' is used twice (first on line "
                            + seen.get(a.name()) + "): names must be unique, the orchestrator's included");
                }
                if (AgentSpec.ORCHESTRATOR_ROLE.equals(a.role())) {
                    throw err(RosterYaml.get(m, "role").orElse(m), "agent '" + a.name() + "' has role 'orchestrator':"
                            + " a fleet has exactly one orchestrator, declared under orchestrator:");
                }
                seen.put(a.name(), RosterYaml.line(nameNode));
                checkAgentRefs(m, a, hosts, runtimeNames);
                agents.add(a);
            }
        }
        Map<String, Principal> principals = principals(RosterYaml.get(top, "principals").orElse(null));
        Roster roster = at(top, () -> new Roster(file, version, fleet, hosts, orchestrator, principals, agents, runtimes));
        return new Parsed(roster, List.copyOf(secrets));
    }

    private void checkAgentRefs(MappingNode m, AgentSpec a, Map<String, HostSpec> hosts, Set<String> runtimeNames) {
        if (!runtimeNames.contains(a.runtime())) {
            throw err(RosterYaml.get(m, "runtime").orElse(m), "agent '" + a.name() + "': runtime '" + a.runtime()
                    + "' is unknown: use one of " + runtimeNames.stream().sorted().toList()
                    + " or declare it under runtimes:");
        }
        if (!HostSpec.LOCAL.equals(a.host()) && !hosts.containsKey(a.host())) {
            throw err(RosterYaml.get(m, "host").orElse(m), "agent '" + a.name() + "': host '" + a.host()
                    + "' is unknown: declare it under hosts: (known: " + knownHosts(hosts) + ")");
        }
        RosterYaml.get(m, "command").ifPresent(c -> at(c, () -> CommandLine.split(scalar(c, "command"))));
    }

    private static String knownHosts(Map<String, HostSpec> hosts) {
        List<String> names = new ArrayList<>();
        names.add(HostSpec.LOCAL);
        hosts.keySet().stream().sorted().forEach(names::add);
        return String.join(", ", names);
    }

    private AgentSpec agent(MappingNode m, String what, boolean orchestrator) {
        Node nameNode = require(m, "name", what);
        String name = scalar(nameNode, "name");
        at(nameNode, () -> Names.require(orchestrator ? "orchestrator" : "agent", name));
        Node runtimeNode = require(m, "runtime", what + " '" + name + "'");
        String runtime = scalar(runtimeNode, "runtime");
        String role = optScalar(m, "role");
        if (orchestrator) {
            if (role != null && !AgentSpec.ORCHESTRATOR_ROLE.equals(role)) {
                throw err(RosterYaml.get(m, "role").orElseThrow(), "the orchestrator's role is always 'orchestrator',"
                        + " was '" + role + "'");
            }
            role = AgentSpec.ORCHESTRATOR_ROLE;
        }
        String finalRole = role;
        Map<String, String> env = stringMap(RosterYaml.get(m, "env").orElse(null), "env");
        return at(m, () -> new AgentSpec(name, finalRole, runtime, optScalar(m, "workdir"), optScalar(m, "host"),
                optScalar(m, "command"), env, optScalar(m, "permissionMode")));
    }

    private FleetInfo fleet(Node node) {
        MappingNode m = mapping(node, "fleet");
        checkKeys(m, FLEET, "fleet");
        Node nameNode = require(m, "name", "fleet");
        String name = scalar(nameNode, "name");
        at(nameNode, () -> Names.require("fleet", name));
        String type = optScalar(m, "type");
        String comms = optScalar(m, "comms");
        Comms c = comms == null ? Comms.TMUX : at(RosterYaml.get(m, "comms").orElseThrow(), () -> Comms.parse(comms));
        return new FleetInfo(name, type == null ? "custom" : type, c);
    }

    private Map<String, HostSpec> hosts(Node node) {
        Map<String, HostSpec> hosts = new LinkedHashMap<>();
        if (node == null || isNull(node)) {
            return hosts;
        }
        MappingNode m = mapping(node, "hosts");
        for (NodeTuple t : m.getValue()) {
            String name = RosterYaml.keyOf(t);
            at(t.getKeyNode(), () -> Names.require("host", name));
            MappingNode h = mapping(t.getValueNode(), "host '" + name + "'");
            checkKeys(h, HOST, "host '" + name + "'");
            String port = optScalar(h, "port");
            Map<String, String> options = stringMap(RosterYaml.get(h, "sshOptions").orElse(null), "sshOptions");
            hosts.put(name, at(h, () -> new HostSpec(name, optScalar(h, "ssh"), optScalar(h, "tmuxSocket"),
                    port == null ? null : parsePort(name, port), optScalar(h, "user"), optScalar(h, "identityFile"),
                    options)));
        }
        return hosts;
    }

    private static Integer parsePort(String host, String port) {
        try {
            return Integer.valueOf(port.strip());
        } catch (NumberFormatException e) {
            throw new RosterException("host '" + host + "': port '" + port + "' is not a number");
        }
    }

    private Map<String, RuntimeProfile> runtimes(Node node) {
        Map<String, RuntimeProfile> out = new LinkedHashMap<>();
        if (node == null || isNull(node)) {
            return out;
        }
        MappingNode m = mapping(node, "runtimes");
        for (NodeTuple t : m.getValue()) {
            String name = RosterYaml.keyOf(t);
            at(t.getKeyNode(), () -> Names.require("runtime", name));
            MappingNode r = mapping(t.getValueNode(), "runtime '" + name + "'");
            checkKeys(r, RuntimeProfiles.KEYS, "runtime '" + name + "'");
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) RosterYaml.plain(r);
            out.put(name, at(r, () -> RuntimeProfiles.overlay(base.base(name), name, fields)));
        }
        return out;
    }

    /**
     * Each block is an opaque map to fleet-core: the {@link ConnectorSchema} (the connectors on the
     * class path) says which types exist, which keys each takes and whether a block is complete.
     */
    private Map<String, Map<String, Object>> connectors(Node node) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (node == null || isNull(node)) {
            return out;
        }
        MappingNode m = mapping(node, "connectors");
        for (NodeTuple t : m.getValue()) {
            String type = RosterYaml.keyOf(t);
            String path = "connectors." + type;
            if (!schema.handles(type)) {
                throw err(t.getKeyNode(), path + ": no connector of type '" + type + "' is installed"
                        + DidYouMean.hint(type, schema.types()) + "; the installed types are " + list(schema.types()));
            }
            Set<String> keys = schema.keys(type).orElse(null);
            Map<String, Object> values = new LinkedHashMap<>();
            if (!isNull(t.getValueNode())) {
                MappingNode c = mapping(t.getValueNode(), "connector '" + type + "'");
                for (NodeTuple kv : c.getValue()) {
                    String key = RosterYaml.keyOf(kv);
                    if (keys != null && !keys.contains(key)) {
                        String hint = DidYouMean.hint(key, keys);
                        throw err(kv.getKeyNode(), path + "." + key + ": unknown key"
                                + (hint.isEmpty() ? " (" + type + " takes " + list(keys) + ")" : hint));
                    }
                    collectSecrets(kv.getValueNode(), path + "." + key);
                    values.put(key, RosterYaml.plain(kv.getValueNode()));
                }
            }
            Optional<String> problem = schema.check(type, java.util.Collections.unmodifiableMap(values));
            if (problem.isPresent()) {
                throw err(t.getKeyNode(), problem.get());
            }
            out.put(type, values);
        }
        return out;
    }

    /** {@code tell} or {@code {run-if-younger-than: 10m}}; anything else is a located error. */
    private OfflineCommands offlineCommands(Node node) {
        if (node == null || isNull(node)) {
            return OfflineCommands.TELL;
        }
        String usage = ": write 'offlineCommands: tell' or 'offlineCommands: { " + OfflineCommands.RUN_IF_YOUNGER_THAN
                + ": 10m }'";
        if (node instanceof ScalarNode s) {
            if ("tell".equals(s.getValue().strip())) {
                return OfflineCommands.TELL;
            }
            throw err(s, "offlineCommands '" + s.getValue() + "' is not a choice" + usage);
        }
        if (!(node instanceof MappingNode m) || m.getValue().size() != 1) {
            throw err(node, "offlineCommands must be one setting, found " + describe(node) + usage);
        }
        NodeTuple t = m.getValue().get(0);
        if (!OfflineCommands.RUN_IF_YOUNGER_THAN.equals(RosterYaml.keyOf(t))) {
            throw err(t.getKeyNode(), "offlineCommands: unknown key '" + RosterYaml.keyOf(t) + "'" + usage);
        }
        Node v = t.getValueNode();
        String text = scalar(v, "offlineCommands." + OfflineCommands.RUN_IF_YOUNGER_THAN);
        return at(v, () -> OfflineCommands.runIfYoungerThan(OfflineCommands.parseDuration(text)));
    }

    private static String list(Set<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(names));
    }

    private void collectSecrets(Node n, String path) {
        if (n instanceof ScalarNode s) {
            if (Secrets.looksLikeReference(s.getValue())) {
                at(s, () -> {
                    Secrets.checkSyntax(s.getValue());
                    return null;
                });
                secrets.add(new SecretRef(RosterYaml.line(s), path, s.getValue()));
            }
        } else if (n instanceof SequenceNode seq) {
            seq.getValue().forEach(x -> collectSecrets(x, path));
        } else if (n instanceof MappingNode m) {
            m.getValue().forEach(kv -> collectSecrets(kv.getValueNode(), path + "." + RosterYaml.keyOf(kv)));
        }
    }

    private Map<String, Principal> principals(Node node) {
        Map<String, Principal> out = new LinkedHashMap<>();
        if (node == null || isNull(node)) {
            return out;
        }
        MappingNode m = mapping(node, "principals");
        for (NodeTuple t : m.getValue()) {
            String name = RosterYaml.keyOf(t);
            at(t.getKeyNode(), () -> Names.require("principal", name));
            MappingNode p = mapping(t.getValueNode(), "principal '" + name + "'");
            Role role = null;
            Map<String, String> ids = new LinkedHashMap<>();
            for (NodeTuple kv : p.getValue()) {
                String key = RosterYaml.keyOf(kv);
                String value = scalar(kv.getValueNode(), key);
                if (key.equals("role")) {
                    role = at(kv.getValueNode(), () -> Role.parse(value));
                } else if (schema.handles(key) || schema.identities().contains(key)) {
                    if (value == null || value.isBlank()) {
                        throw err(kv.getValueNode(), "principal '" + name + "': " + key + " id must not be empty");
                    }
                    Optional<String> expected = schema.checkPrincipalId(key, value);
                    if (expected.isPresent()) {
                        throw err(kv.getValueNode(), "principals." + name + "." + key + ": '" + value + "' is not "
                                + expected.get());
                    }
                    ids.put(key, value);
                } else {
                    Set<String> platforms = new TreeSet<>(schema.types());
                    platforms.addAll(schema.identities());
                    throw err(kv.getKeyNode(), "principals." + name + "." + key + ": unknown key"
                            + DidYouMean.hint(key, platforms) + ": use role or a platform (" + list(platforms) + ")");
                }
            }
            if (role == null) {
                throw err(p, "principal '" + name + "' needs a role (viewer, operator or admin)");
            }
            Role r = role;
            out.put(name, at(p, () -> new Principal(name, r, ids)));
        }
        return out;
    }

    private Map<String, String> stringMap(Node node, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || isNull(node)) {
            return out;
        }
        MappingNode m = mapping(node, what);
        for (NodeTuple t : m.getValue()) {
            String k = RosterYaml.keyOf(t);
            if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw err(t.getKeyNode(), what + " variable name '" + k + "' is invalid");
            }
            String v = scalar(t.getValueNode(), k);
            at(t.getValueNode(), () -> {
                Secrets.checkSyntax(v);
                return null;
            });
            out.put(k, v == null ? "" : v);
        }
        return out;
    }

    /** YAML forbids duplicate keys but the node composer keeps both; the second one would silently win. */
    private void checkDuplicateKeys(Node n) {
        if (n instanceof MappingNode m) {
            Map<String, Integer> lines = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String k = RosterYaml.keyOf(t);
                Integer first = lines.putIfAbsent(k, RosterYaml.line(t.getKeyNode()));
                if (first != null) {
                    throw err(t.getKeyNode(), "key '" + k + "' appears twice (first on line " + first + ")");
                }
                checkDuplicateKeys(t.getValueNode());
            }
        } else if (n instanceof SequenceNode seq) {
            seq.getValue().forEach(this::checkDuplicateKeys);
        }
    }

    private void checkKeys(MappingNode m, Set<String> allowed, String what) {
        Set<String> seen = new HashSet<>();
        for (NodeTuple t : m.getValue()) {
            String k = RosterYaml.keyOf(t);
            if (!seen.add(k)) {
                throw err(t.getKeyNode(), what + ": key '" + k + "' appears twice");
            }
            if (!allowed.contains(k)) {
                throw err(t.getKeyNode(), "unknown key '" + k + "' in " + what + ": use one of "
                        + allowed.stream().sorted().toList());
            }
        }
    }

    private Node require(MappingNode m, String key, String what) {
        Node n = RosterYaml.get(m, key).orElse(null);
        if (n == null || isNull(n)) {
            throw err(n == null ? m : n, what + " needs '" + key + "'");
        }
        return n;
    }

    private MappingNode mapping(Node n, String what) {
        if (n instanceof MappingNode m) {
            return m;
        }
        throw err(n, what + " must be a mapping (key: value), found " + describe(n));
    }

    private String scalar(Node n, String key) {
        if (n instanceof ScalarNode s) {
            return isNull(s) ? null : s.getValue();
        }
        throw err(n, key + " must be a single value, found " + describe(n));
    }

    private String optScalar(MappingNode m, String key) {
        Node n = RosterYaml.get(m, key).orElse(null);
        if (n == null) {
            return null;
        }
        String v = scalar(n, key);
        return v == null || v.isBlank() ? null : v;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && org.yaml.snakeyaml.nodes.Tag.NULL.equals(s.getTag())
                && !"~".equals(s.getValue());
    }

    private static String describe(Node n) {
        if (n instanceof SequenceNode) {
            return "a list";
        }
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        return "'" + ((ScalarNode) n).getValue() + "'";
    }

    private RosterException err(Node n, String message) {
        return new RosterException(where + ":" + RosterYaml.line(n) + ": " + message);
    }

    /** Runs a record constructor or check, prefixing its message with this node's file and line. */
    private <T> T at(Node n, Supplier<T> s) {
        try {
            return s.get();
        } catch (RosterException | IllegalArgumentException e) {
            String msg = e.getMessage();
            if (msg != null && msg.startsWith(where + ":")) {
                throw e;
            }
            throw err(n, msg);
        }
    }
}
