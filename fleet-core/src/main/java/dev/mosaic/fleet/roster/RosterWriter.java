package dev.mosaic.fleet.roster;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Writes an edited roster tree back as text, re-emitting only what changed: every top-level
 * block (and every item of a block-style {@code agents:} list) whose value is unchanged is copied
 * byte for byte from the original text, comments and spacing included. Changed parts are
 * serialized by SnakeYAML (with their comments). If the original layout is unusual (flow style
 * at the top), the whole tree is serialized instead.
 */
final class RosterWriter {

    private RosterWriter() {
    }

    static String render(String original, MappingNode before, MappingNode after) {
        if (before.getFlowStyle() == DumperOptions.FlowStyle.FLOW || before.getValue().isEmpty()) {
            return RosterYaml.dump(after);
        }
        List<String> lines = linesOf(original);
        List<NodeTuple> bt = before.getValue();
        int[] starts = new int[bt.size() + 1];
        for (int i = 0; i < bt.size(); i++) {
            int floor = i == 0 ? 0 : RosterYaml.line(bt.get(i - 1).getKeyNode());
            starts[i] = leadStart(lines, RosterYaml.line(bt.get(i).getKeyNode()) - 1, floor);
        }
        starts[bt.size()] = lines.size();
        StringBuilder out = new StringBuilder();
        append(out, lines, 0, starts[0]);
        for (NodeTuple a : after.getValue()) {
            String key = RosterYaml.keyOf(a);
            int idx = indexOf(bt, key);
            if (idx < 0) {
                out.append(dumpTuple(a));
                continue;
            }
            NodeTuple b = bt.get(idx);
            if (Objects.equals(RosterYaml.plain(b.getValueNode()), RosterYaml.plain(a.getValueNode()))) {
                append(out, lines, starts[idx], starts[idx + 1]);
            } else if (b.getValueNode() instanceof SequenceNode bs && a.getValueNode() instanceof SequenceNode as
                    && bs.getFlowStyle() == DumperOptions.FlowStyle.BLOCK && !bs.getValue().isEmpty()) {
                spliceSequence(out, lines, starts[idx], starts[idx + 1], key, bs, as);
            } else {
                out.append(dumpTuple(a));
            }
        }
        return out.toString();
    }

    private static void spliceSequence(StringBuilder out, List<String> lines, int from, int to, String key,
                                       SequenceNode before, SequenceNode after) {
        List<Node> items = before.getValue();
        int[] starts = new int[items.size() + 1];
        for (int j = 0; j < items.size(); j++) {
            int floor = j == 0 ? from + 1 : RosterYaml.line(items.get(j - 1));
            starts[j] = leadStart(lines, RosterYaml.line(items.get(j)) - 1, floor);
        }
        starts[items.size()] = to;
        String firstItemLine = lines.get(RosterYaml.line(items.get(0)) - 1);
        int dash = firstItemLine.indexOf('-');
        String indent = dash < 0 ? "  " : firstItemLine.substring(0, dash);
        append(out, lines, from, starts[0]);
        boolean[] used = new boolean[items.size()];
        for (Node a : after.getValue()) {
            Object plain = RosterYaml.plain(a);
            int match = -1;
            for (int j = 0; j < items.size() && match < 0; j++) {
                if (!used[j] && Objects.equals(RosterYaml.plain(items.get(j)), plain)) {
                    match = j;
                }
            }
            if (match >= 0) {
                used[match] = true;
                append(out, lines, starts[match], starts[match + 1]);
            } else {
                out.append(dumpItem(key, a, indent));
            }
        }
    }

    /** The first line of a node's leading full-line comments (not above {@code floor}). */
    private static int leadStart(List<String> lines, int line, int floor) {
        int s = line;
        while (s - 1 >= floor && s - 1 < lines.size() && lines.get(s - 1).strip().startsWith("#")) {
            s--;
        }
        return s;
    }

    private static int indexOf(List<NodeTuple> tuples, String key) {
        for (int i = 0; i < tuples.size(); i++) {
            if (RosterYaml.keyOf(tuples.get(i)).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static String dumpTuple(NodeTuple t) {
        MappingNode m = RosterYaml.mapping(false);
        m.getValue().add(t);
        return ensureNewline(RosterYaml.dump(m));
    }

    private static String dumpItem(String key, Node item, String indent) {
        MappingNode m = RosterYaml.mapping(false);
        SequenceNode s = RosterYaml.sequence(false);
        s.getValue().add(item);
        m.getValue().add(new NodeTuple(RosterYaml.scalar(key), s));
        String text = RosterYaml.dump(m);
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (String l : linesOf(text)) {
            if (first) {
                first = false;
                continue;
            }
            out.append(l.startsWith("  ") ? indent + l.substring(2) : l);
        }
        return ensureNewline(out.toString());
    }

    private static void append(StringBuilder out, List<String> lines, int from, int to) {
        for (int i = from; i < to && i < lines.size(); i++) {
            out.append(lines.get(i));
        }
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    private static String ensureNewline(String s) {
        return s.endsWith("\n") ? s : s + "\n";
    }

    /** Lines with their terminators. */
    static List<String> linesOf(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
