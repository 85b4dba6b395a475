package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.heartbeat.Heartbeat;
import dev.mosaic.fleet.ps.AgentState;
import dev.mosaic.fleet.ps.AgentStatus;
import dev.mosaic.fleet.ps.FleetSnapshot;
import dev.mosaic.fleet.ps.StartReport;
import dev.mosaic.fleet.ps.StopReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Text output shared by the engine verbs: the ps table and start/stop reports. */
final class Reports {

    private Reports() {
    }

    static void table(PrintWriter out, FleetSnapshot s) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "ROLE", "RUNTIME", "HOST", "STATE", "PID", "HEARTBEAT", "AGE", "STATUS"});
        for (AgentStatus a : s.agents()) {
            Heartbeat hb = a.heartbeat();
            rows.add(new String[] {a.name(), dash(a.role()), dash(a.runtime()), a.host(), a.state().wire()
                    + (a.managed() ? "" : "*"), a.pid() == null ? "-" : a.pid().toString(), hb.health().wire(),
                    hb.age() == null ? "-" : age(hb.age().toMillis()), dash(hb.status())
                    + (hb.activity() == null ? "" : "/" + hb.activity())});
        }
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                sb.append(i == r.length - 1 ? r[i] : String.format("%-" + (w[i] + 2) + "s", r[i]));
            }
            out.println(sb.toString().stripTrailing());
        }
        if (s.agents().stream().anyMatch(a -> !a.managed())) {
            out.println("* missing: a tmux session the roster lacks (drift)");
        }
        // why a host's agents are unknown (unreachable, login refused, ...): once per reason
        s.agents().stream().filter(a -> a.state() == AgentState.UNKNOWN && a.detail() != null)
                .map(AgentStatus::detail).distinct().forEach(d -> out.println("! " + d));
    }

    static String age(long ms) {
        if (ms < 1000) {
            return ms + "ms";
        }
        long sec = ms / 1000;
        return sec < 120 ? sec + "s" : sec < 7200 ? sec / 60 + "m" : sec / 3600 + "h";
    }

    /** Prints a start report; returns true when something failed. */
    static boolean print(PrintWriter out, PrintWriter err, StartReport r, String socket) {
        line(out, "started", r.started());
        line(out, "already running", r.alreadyRunning());
        drift(out, r.drift(), socket);
        for (Map.Entry<String, String> f : r.failed().entrySet()) {
            err.println("error: " + f.getKey() + ": " + f.getValue());
        }
        if (r.started().isEmpty() && r.alreadyRunning().isEmpty() && r.failed().isEmpty()) {
            out.println("nothing to start");
        }
        return !r.failed().isEmpty();
    }

    static void print(PrintWriter out, StopReport r, String socket) {
        line(out, "stopped", r.stopped());
        line(out, "not running", r.notRunning());
        drift(out, r.drift(), socket);
    }

    private static void drift(PrintWriter out, List<String> drift, String socket) {
        if (!drift.isEmpty()) {
            out.println("drift: tmux has sessions the roster lacks: " + String.join(", ", drift)
                    + " (add them to the roster, or remove with 'tmux -L " + socket + " kill-session -t =NAME')");
        }
    }

    private static void line(PrintWriter out, String label, List<String> names) {
        if (!names.isEmpty()) {
            out.println(label + ": " + String.join(", ", names));
        }
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
