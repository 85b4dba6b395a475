package dev.mosaic.fleet.roster;

import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The roster as an editable YAML node tree with the user's comments, key order and scalar
 * styles. Edits change only the nodes they touch; {@link RosterStore#update} validates the result
 * before it is written, so a bad edit never reaches the file.
 */
public final class RosterDocument {

    private final String where;
    private final String original;
    private final MappingNode root;

    RosterDocument(String where, String original, Node root) {
        this.where = where;
        this.original = original;
        if (!(root instanceof MappingNode m)) {
            throw new RosterException(where + ":" + RosterYaml.line(root) + ": the roster must be a mapping");
        }
        this.root = m;
    }

    /** Parses roster text into an editable document (no validation beyond YAML syntax). */
    public static RosterDocument parse(String text, String where) {
        return new RosterDocument(where, text, RosterYaml.compose(text, where));
    }

    /** Adds an agent at the end of {@code agents:}, in the style of the agents already there. */
    public void addAgent(AgentSpec agent) {
        if (hasAgent(agent.name())) {
            throw new RosterException("agent '" + agent.name() + "' already exists in " + where);
        }
        if (AgentSpec.ORCHESTRATOR_ROLE.equals(agent.role())) {
            throw new RosterException("agent '" + agent.name() + "' cannot have role 'orchestrator': the fleet already"
                    + " has its one orchestrator");
        }
        SequenceNode agents = agentsNode(true).orElseThrow();
        if (agents.getValue().isEmpty()) {
            agents.setFlowStyle(DumperOptions.FlowStyle.BLOCK); // "agents: []" becomes a block list
            agents.setInLineComments(null); // a comment after "[]" cannot follow a block list's key
        }
        boolean flow = !agents.getValue().isEmpty()
                && agents.getValue().get(0) instanceof MappingNode first
                && first.getFlowStyle() == DumperOptions.FlowStyle.FLOW;
        MappingNode m = RosterYaml.mapping(flow);
        RosterYaml.put(m, "name", RosterYaml.scalar(agent.name()));
        RosterYaml.put(m, "role", RosterYaml.scalar(agent.role()));
        RosterYaml.put(m, "runtime", RosterYaml.scalar(agent.runtime()));
        if (agent.workdir() != null) {
            RosterYaml.put(m, "workdir", RosterYaml.scalar(agent.workdir()));
        }
        if (!HostSpec.LOCAL.equals(agent.host())) {
            RosterYaml.put(m, "host", RosterYaml.scalar(agent.host()));
        }
        if (agent.command() != null) {
            RosterYaml.put(m, "command", RosterYaml.scalar(agent.command()));
        }
        if (!agent.env().isEmpty()) {
            MappingNode env = RosterYaml.mapping(flow);
            agent.env().forEach((k, v) -> RosterYaml.put(env, k, RosterYaml.scalar(v)));
            RosterYaml.put(m, "env", env);
        }
        agents.getValue().add(m);
    }

    /**
     * Removes an agent (its comments go with it).
     *
     * @return false when no agent has that name
     * @throws RosterException for the orchestrator, which a fleet always has exactly one of
     */
    public boolean removeAgent(String name) {
        if (name.equals(orchestratorName())) {
            throw new RosterException("'" + name + "' is the orchestrator and cannot be removed: a fleet has exactly one."
                    + " Choose another with 'mosaic fleet init' or edit orchestrator: in " + where);
        }
        Optional<SequenceNode> agents = agentsNode(false);
        return agents.isPresent() && agents.get().getValue().removeIf(n -> name.equals(agentName(n)));
    }

    /** True when the orchestrator or an agent has this name. */
    public boolean hasAgent(String name) {
        if (name.equals(orchestratorName())) {
            return true;
        }
        return agentsNode(false).map(s -> s.getValue().stream().anyMatch(n -> name.equals(agentName(n)))).orElse(false);
    }

    /**
     * Sets one field of an agent or the orchestrator ({@code role}, {@code runtime}, {@code workdir},
     * {@code host}, {@code command}); {@code null} removes it.
     */
    public void setAgentField(String name, String key, String value) {
        MappingNode m = name.equals(orchestratorName()) ? orchestrator()
                : agentsNode(false).flatMap(s -> s.getValue().stream().filter(n -> name.equals(agentName(n)))
                        .map(MappingNode.class::cast).findFirst())
                .orElseThrow(() -> new RosterException("no agent named '" + name + "' in " + where));
        if (value == null) {
            RosterYaml.remove(m, key);
        } else {
            RosterYaml.put(m, key, RosterYaml.scalar(value));
        }
    }

    /** Sets {@code fleet.comms}. */
    public void setComms(Comms comms) {
        MappingNode fleet = child(root, "fleet");
        RosterYaml.put(fleet, "comms", RosterYaml.scalar(comms.key()));
    }

    /**
     * Sets {@code orchestrator.connectors.<type>.<key>}. A secret must be given as a reference
     * ({@code ${env:NAME}} / {@code ${file:PATH}}), never as the secret itself.
     */
    public void setConnectorValue(String type, String key, String value) {
        Secrets.checkSyntax(value);
        MappingNode connectors = child(orchestrator(), "connectors");
        MappingNode c = child(connectors, type);
        RosterYaml.put(c, key, RosterYaml.scalar(value));
    }

    /** Removes {@code orchestrator.connectors.<type>}; false when it was not there. */
    public boolean removeConnector(String type) {
        return RosterYaml.get(orchestrator(), "connectors").filter(MappingNode.class::isInstance)
                .map(c -> RosterYaml.remove((MappingNode) c, type)).orElse(false);
    }

    /** Sets a principal's role and platform ids, creating it when absent. */
    public void setPrincipal(String name, Role role, Map<String, String> ids) {
        Names.require("principal", name);
        MappingNode principals = child(root, "principals");
        MappingNode p = child(principals, name);
        RosterYaml.put(p, "role", RosterYaml.scalar(role.key()));
        ids.forEach((k, v) -> RosterYaml.put(p, k, RosterYaml.scalar(v)));
    }

    /** The text of the document, comments included. */
    public String toYaml() {
        return RosterWriter.render(original, (MappingNode) RosterYaml.compose(original, where), root);
    }

    MappingNode root() {
        return root;
    }

    private String orchestratorName() {
        return RosterYaml.get(root, "orchestrator").filter(MappingNode.class::isInstance)
                .flatMap(o -> RosterYaml.get((MappingNode) o, "name"))
                .filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue()).orElse(null);
    }

    private MappingNode orchestrator() {
        return RosterYaml.get(root, "orchestrator").filter(MappingNode.class::isInstance).map(MappingNode.class::cast)
                .orElseThrow(() -> new RosterException(where + ": the roster has no orchestrator: mapping"));
    }

    private Optional<SequenceNode> agentsNode(boolean create) {
        Optional<Node> n = RosterYaml.get(root, "agents");
        if (n.isPresent() && n.get() instanceof SequenceNode s) {
            return Optional.of(s);
        }
        if (n.isPresent() && !(n.get() instanceof ScalarNode sc && sc.getValue().isEmpty())) {
            throw new RosterException(where + ":" + RosterYaml.line(n.get()) + ": agents must be a list");
        }
        if (!create) {
            return Optional.empty();
        }
        SequenceNode s = RosterYaml.sequence(false);
        RosterYaml.put(root, "agents", s);
        return Optional.of(s);
    }

    private static String agentName(Node n) {
        if (n instanceof MappingNode m) {
            return RosterYaml.get(m, "name").filter(ScalarNode.class::isInstance)
                    .map(x -> ((ScalarNode) x).getValue()).orElse(null);
        }
        return null;
    }

    private MappingNode child(MappingNode parent, String key) {
        Optional<Node> n = RosterYaml.get(parent, key);
        if (n.isPresent() && n.get() instanceof MappingNode m) {
            return m;
        }
        if (n.isPresent() && !(n.get() instanceof ScalarNode s && (s.getValue().isEmpty() || "null".equals(s.getValue())))) {
            throw new RosterException(where + ":" + RosterYaml.line(n.get()) + ": " + key + " must be a mapping");
        }
        MappingNode m = RosterYaml.mapping(false);
        RosterYaml.put(parent, key, m);
        return m;
    }
}
