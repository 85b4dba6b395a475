package dev.mosaic.mos.app;

import dev.mosaic.fleet.update.UpdatePlan;
import dev.mosaic.fleet.update.UpdateReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** An update's plan and report as text, the same on the terminal and in chat. */
public final class UpdateText {

    private UpdateText() {
    }

    /** The plan: one row per runtime and host. */
    public static void plan(PrintWriter out, UpdatePlan plan) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"RUNTIME", "HOST", "INSTALLED", "TARGET", "ACTION", "AGENTS"});
        for (UpdatePlan.Step s : plan.steps()) {
            List<String> agents = new ArrayList<>();
            s.agents().forEach(a -> agents.add(a.name() + " (" + (a.activity() != null && a.state().equals("running")
                    ? a.activity() : a.state()) + ")"));
            rows.add(new String[] {s.runtime(), s.host(), dash(s.installed()), s.target(), s.action(),
                    agents.isEmpty() ? "-" : String.join(", ", agents)});
        }
        table(out, rows);
        if (plan.nothingToDo()) {
            out.println("nothing to do: every host has the target version");
        }
    }

    /** The report: the hosts, then each agent, then the overall result. */
    public static void report(PrintWriter out, UpdateReport r) {
        List<String[]> hosts = new ArrayList<>();
        hosts.add(new String[] {"RUNTIME", "HOST", "FROM", "TO", "RESULT", "DETAIL"});
        r.hosts().forEach(h -> hosts.add(new String[] {h.runtime(), h.host(), dash(h.from()), dash(h.to()), h.result(),
                dash(h.detail())}));
        table(out, hosts);
        if (!r.agents().isEmpty()) {
            List<String[]> agents = new ArrayList<>();
            agents.add(new String[] {"AGENT", "RUNTIME", "HOST", "RESULT", "VERSION", "DETAIL"});
            r.agents().forEach(a -> agents.add(new String[] {a.name(), a.runtime(), a.host(), a.result(), dash(a.version()),
                    dash(a.detail())}));
            table(out, agents);
        }
        out.println("update " + r.id() + ": " + r.result() + switch (r.result()) {
            case "ok" -> "";
            case "partial" -> " (skipped agents stay on their old version; run the update again when they are idle)";
            case "rolled-back" -> " (the previous version is back on every agent; see docs/updates.md)";
            default -> " (see the log and docs/updates.md)";
        });
        out.println("log: " + r.log());
    }

    private static void table(PrintWriter out, List<String[]> rows) {
        int[] w = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                sb.append(i == row.length - 1 ? row[i] : String.format("%-" + (w[i] + 2) + "s", row[i]));
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
