package dev.mosaic.fleet.roster;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The one place that reads and writes roster YAML: composes text to a node tree with comments
 * (never constructs arbitrary objects — {@link SafeConstructor} only) and serializes a node tree
 * back, so edits keep the user's comments, key order and scalar styles.
 */
public final class RosterYaml {

    private RosterYaml() {
    }

    static Yaml yaml() {
        LoaderOptions lo = new LoaderOptions();
        lo.setProcessComments(true);
        lo.setAllowDuplicateKeys(false);
        lo.setMaxAliasesForCollections(20);
        lo.setCodePointLimit(4 * 1024 * 1024);
        DumperOptions dopt = new DumperOptions();
        dopt.setProcessComments(true);
        dopt.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dopt.setIndent(2);
        dopt.setIndicatorIndent(2);
        dopt.setIndentWithIndicator(true);
        dopt.setWidth(200);
        dopt.setSplitLines(false);
        return new Yaml(new SafeConstructor(lo), new Representer(dopt), dopt, lo);
    }

    /**
     * Composes {@code text} into a node tree. {@code where} names the file in messages.
     *
     * @throws RosterException "where:line: malformed YAML: ..." on a syntax error or an empty document
     */
    public static Node compose(String text, String where) {
        Node root;
        try {
            refuseAliases(text, where);
            root = yaml().compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = m == null ? 1 : m.getLine() + 1;
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new RosterException(where + ":" + line + ": malformed YAML: " + problem.strip());
        } catch (YAMLException e) {
            throw new RosterException(where + ":1: malformed YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new RosterException(where + ":1: the file is empty: expected a roster (see docs/configure.md)");
        }
        return root;
    }

    /**
     * Anchors and aliases are refused outright: a roster is short and hand-written, while an alias
     * loop ({@code loop: &a [x, *a]}) recurses without end and a handful of nested aliases expand
     * to hundreds of megabytes ("billion laughs"). Checked on the event stream, before any tree
     * exists, so the message can name the line of the first anchor or alias.
     */
    private static void refuseAliases(String text, String where) {
        for (Event e : yaml().parse(new StringReader(text))) {
            if (e instanceof AliasEvent a) {
                throw new RosterException(where + ":" + (a.getStartMark().getLine() + 1)
                        + ": YAML alias *" + a.getAnchor() + " is not allowed in a roster: write the value out");
            }
            if (e instanceof NodeEvent n && n.getAnchor() != null) {
                throw new RosterException(where + ":" + (n.getStartMark().getLine() + 1)
                        + ": YAML anchor &" + n.getAnchor() + " is not allowed in a roster: write the value out");
            }
        }
    }

    /** Serializes a node tree back to text, with its comments. */
    public static String dump(Node root) {
        StringWriter w = new StringWriter();
        try {
            yaml().serialize(root, w);
        } catch (YAMLException e) {
            // a comment in a place the emitter cannot reproduce; refuse rather than lose or garble it
            throw new RosterException("cannot write the edited roster with its comments (" + e.getMessage()
                    + "); nothing was written: move that comment onto its own line and retry", e);
        }
        return w.toString();
    }

    /** The 1-based line a node starts on. */
    public static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    static Optional<NodeTuple> tuple(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    static Optional<Node> get(MappingNode map, String key) {
        return tuple(map, key).map(NodeTuple::getValueNode);
    }

    static String keyOf(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
    }

    /** Sets {@code key} to {@code value}, keeping the key node (and its comments) when it exists. */
    static void put(MappingNode map, String key, Node value) {
        List<NodeTuple> tuples = map.getValue();
        for (int i = 0; i < tuples.size(); i++) {
            NodeTuple t = tuples.get(i);
            if (keyOf(t).equals(key)) {
                Node old = t.getValueNode();
                if (value instanceof ScalarNode && old instanceof ScalarNode) {
                    value.setInLineComments(old.getInLineComments()); // "runtime: pi  # why" keeps its why
                }
                tuples.set(i, new NodeTuple(t.getKeyNode(), value));
                return;
            }
        }
        tuples.add(new NodeTuple(scalar(key), value));
    }

    static boolean remove(MappingNode map, String key) {
        return map.getValue().removeIf(t -> keyOf(t).equals(key));
    }

    static ScalarNode scalar(String value) {
        return new ScalarNode(Tag.STR, value, null, null, DumperOptions.ScalarStyle.PLAIN);
    }

    static ScalarNode intScalar(long value) {
        return new ScalarNode(Tag.INT, Long.toString(value), null, null, DumperOptions.ScalarStyle.PLAIN);
    }

    static MappingNode mapping(boolean flow) {
        return new MappingNode(Tag.MAP, new ArrayList<>(), flow ? DumperOptions.FlowStyle.FLOW
                : DumperOptions.FlowStyle.BLOCK);
    }

    static SequenceNode sequence(boolean flow) {
        return new SequenceNode(Tag.SEQ, new ArrayList<>(), flow ? DumperOptions.FlowStyle.FLOW
                : DumperOptions.FlowStyle.BLOCK);
    }

    /** Plain Java value of a node (String, List, LinkedHashMap, or null), for comparisons and connector maps. */
    public static Object plain(Node node) {
        if (node instanceof ScalarNode s) {
            return Tag.NULL.equals(s.getTag()) && !"~".equals(s.getValue()) ? null : s.getValue();
        }
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            for (Node n : seq.getValue()) {
                out.add(plain(n));
            }
            return out;
        }
        if (node instanceof MappingNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                out.put(keyOf(t), plain(t.getValueNode()));
            }
            return out;
        }
        return null;
    }
}
