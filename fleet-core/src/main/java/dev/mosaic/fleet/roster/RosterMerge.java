package dev.mosaic.fleet.roster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The three-way merge of re-init: <em>base</em> (what the preset generated last time),
 * <em>ours</em> (what the roster holds now) and <em>theirs</em> (what the preset generates now).
 *
 * <ul>
 *   <li>A value the user left as generated (ours equals base) follows theirs; a value the user
 *       changed or added stays as the user has it.</li>
 *   <li>Agents are matched by name: a preset agent the user did not touch is added, removed or
 *       changed with the preset (field by field); an agent the user added or edited survives, with
 *       its comments; an agent the user deleted stays deleted.</li>
 *   <li>Without a base (a hand-written roster), everything the user has stays and only what is
 *       new in theirs is added.</li>
 * </ul>
 * The merge edits ours' node tree, so untouched parts of the file stay byte for byte as they were.
 */
public final class RosterMerge {

    private RosterMerge() {
    }

    /**
     * Merges and returns the new roster text (not validated: the store validates before writing).
     *
     * @param base the previously generated text, or {@code null} when unknown
     * @param where the roster file, for messages
     */
    public static String merge(String base, String ours, String theirs, String where) {
        MappingNode o = root(ours, where);
        MappingNode t = root(theirs, "generated roster");
        MappingNode b = base == null ? null : root(base, "base roster");
        mergeMapping(b, o, t);
        return RosterWriter.render(ours, root(ours, where), o);
    }

    private static MappingNode root(String text, String where) {
        Node n = RosterYaml.compose(text, where);
        if (!(n instanceof MappingNode m)) {
            throw new RosterException(where + ":1: the roster must be a mapping");
        }
        return m;
    }

    private static void mergeMapping(MappingNode base, MappingNode ours, MappingNode theirs) {
        for (NodeTuple t : theirs.getValue()) {
            String key = RosterYaml.keyOf(t);
            Optional<Node> o = RosterYaml.get(ours, key);
            Optional<Node> b = base == null ? Optional.empty() : RosterYaml.get(base, key);
            if (o.isEmpty()) {
                if (b.isEmpty()) {
                    ours.getValue().add(t);
                }
                continue;
            }
            Node ov = o.get();
            Node tv = t.getValueNode();
            if (key.equals("agents") && ov instanceof SequenceNode os && tv instanceof SequenceNode ts) {
                mergeAgents(b.filter(SequenceNode.class::isInstance).map(SequenceNode.class::cast).orElse(null), os, ts,
                        base != null);
            } else if (ov instanceof MappingNode om && tv instanceof MappingNode tm
                    && (b.isEmpty() || b.get() instanceof MappingNode)) {
                mergeMapping((MappingNode) b.orElse(null), om, tm);
            } else if (b.isPresent() && same(ov, b.get())) {
                RosterYaml.put(ours, key, tv);
            }
        }
        if (base == null) {
            return;
        }
        ours.getValue().removeIf(ot -> {
            String key = RosterYaml.keyOf(ot);
            Optional<Node> b = RosterYaml.get(base, key);
            return RosterYaml.get(theirs, key).isEmpty() && b.isPresent() && same(ot.getValueNode(), b.get());
        });
    }

    private static void mergeAgents(SequenceNode base, SequenceNode ours, SequenceNode theirs, boolean haveBase) {
        List<Node> result = new ArrayList<>();
        Set<String> inOurs = new HashSet<>();
        for (Node o : ours.getValue()) {
            String name = name(o);
            inOurs.add(name);
            Node b = find(base, name);
            Node t = find(theirs, name);
            if (t == null) {
                if (b != null && same(o, b)) {
                    continue; // a preset agent the user left alone, gone from the new preset
                }
                result.add(o);
            } else if (b != null && o instanceof MappingNode om && t instanceof MappingNode tm
                    && b instanceof MappingNode bm) {
                mergeMapping(bm, om, tm);
                result.add(o);
            } else {
                result.add(o);
            }
        }
        for (Node t : theirs.getValue()) {
            String name = name(t);
            if (!inOurs.contains(name) && (!haveBase || find(base, name) == null)) {
                result.add(t);
            }
        }
        ours.getValue().clear();
        ours.getValue().addAll(result);
    }

    private static Node find(SequenceNode seq, String name) {
        if (seq == null || name == null) {
            return null;
        }
        return seq.getValue().stream().filter(n -> name.equals(name(n))).findFirst().orElse(null);
    }

    private static String name(Node n) {
        return n instanceof MappingNode m ? RosterYaml.get(m, "name").filter(ScalarNode.class::isInstance)
                .map(x -> ((ScalarNode) x).getValue()).orElse(null) : null;
    }

    private static boolean same(Node a, Node b) {
        return Objects.equals(RosterYaml.plain(a), RosterYaml.plain(b));
    }
}
