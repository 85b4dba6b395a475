package dev.mosaic.mos.app;

import org.jspecify.annotations.Nullable;
import dev.mosaic.fleet.heartbeat.Heartbeat;
import dev.mosaic.fleet.roster.Comms;
import dev.mosaic.fleet.ps.AgentState;
import dev.mosaic.fleet.ps.AgentStatus;
import dev.mosaic.fleet.ps.FleetSnapshot;
import dev.mosaic.fleet.ps.StartReport;
import dev.mosaic.fleet.ps.StopReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Outcomes as plain text, the same for the terminal and for chat (which puts it in a code
 * block): the ps table, start/stop reports, one line for the rest. What went wrong goes to
 * {@link #errors}, so the CLI can print it on standard error.
 */
public final class OutcomeText {

    private OutcomeText() {
    }

    /** What {@code o} says on standard output. */
    public static String text(Outcome o) {
        StringWriter s = new StringWriter();
        PrintWriter out = new PrintWriter(s);
        write(out, o);
        out.flush();
        return s.toString();
    }

    /** What went wrong in {@code o} ({@code error: ...} lines), or empty. */
    public static String errors(Outcome o) {
        StringWriter s = new StringWriter();
        PrintWriter err = new PrintWriter(s);
        if (o instanceof Outcome.Started st) {
            failures(err, st.report());
        } else if (o instanceof Outcome.RestartedAll ra) {
            failures(err, ra.started());
        } else if (o instanceof Outcome.Sent sent && !sent.result().delivered()) {
            err.println("error: sent to " + sent.agent() + " but the text did not show up in its pane within 3 s");
        }
        err.flush();
        return s.toString();
    }

    private static void write(PrintWriter out, Outcome o) {
        if (o instanceof Outcome.Fleet f) {
            table(out, f.snapshot());
        } else if (o instanceof Outcome.Agent a) {
            table(out, new FleetSnapshot(java.time.Instant.EPOCH, "-", List.of(a.status())));
            if (a.status().detail() != null) {
                out.println(a.status().detail());
            }
            if (a.status().waiting() != null) {
                out.println("waiting for " + (a.status().waiting().kind().equals("approval") ? "approval: " : "an answer: ")
                        + a.status().waiting().summary());
            }
        } else if (o instanceof Outcome.Started s) {
            print(out, s.report(), s.socket());
        } else if (o instanceof Outcome.Stopped s) {
            print(out, s.report(), s.socket());
        } else if (o instanceof Outcome.Restarted r) {
            out.println("restarted: " + r.agent());
        } else if (o instanceof Outcome.RestartedAll r) {
            print(out, r.stopped(), r.socket());
            print(out, r.started(), r.socket());
        } else if (o instanceof Outcome.Sent s) {
            if (s.result().delivered()) {
                out.println("delivered to " + s.agent() + (s.result().removedControlChars() > 0
                        ? " (" + s.result().removedControlChars() + " control characters dropped)" : ""));
            }
        } else if (o instanceof Outcome.Posted p) {
            out.println("delivered to " + p.agent() + " through its room " + p.room());
        } else if (o instanceof Outcome.Tail t) {
            out.print(t.text());
        } else if (o instanceof Outcome.Answered a) {
            out.println((a.approved() ? "approved " : "denied ") + a.agent() + ": " + a.prompt());
        } else if (o instanceof Outcome.Added a) {
            out.println("Added agent " + a.name() + " (runtime " + a.runtime() + ") to " + a.roster());
        } else if (o instanceof Outcome.Removed r) {
            out.println("Removed agent " + r.name() + " from " + r.roster()
                    + " (a running session keeps running: stop it with 'mosaic fleet agent stop " + r.name() + "')");
        } else if (o instanceof Outcome.CommsMode c) {
            comms(out, c);
        } else if (o instanceof Outcome.Typed t) {
            out.println("typed " + t.chars() + " characters" + (t.keys().isEmpty() ? "" : " and " + t.keys())
                    + " into " + t.agent());
        } else if (o instanceof Outcome.UpdatePlanned u) {
            UpdateText.plan(out, u.plan());
        } else if (o instanceof Outcome.Updated u) {
            UpdateText.report(out, u.report());
        } else if (o instanceof Outcome.Held h) {
            out.println("holding automated sends to " + h.agent() + " while you type");
        }
    }

    private static void comms(PrintWriter out, Outcome.CommsMode c) {
        if (c.shown()) {
            out.println("comms: " + c.now().key() + " — " + explain(c.now()));
            return;
        }
        out.println((c.changed() ? "comms switched from " + c.before().key() + " to " : "comms is already ")
                + c.now().key() + " — " + explain(c.now()));
        if (c.changed() && c.now() == Comms.MATRIX) {
            out.println("The running service ('mosaic mos serve') creates one room per agent"
                    + " (#<fleet>-<agent>) and invites the operators and admins; switch back any time with"
                    + " 'mosaic fleet comms tmux'.");
        }
    }

    private static String explain(Comms c) {
        return c == Comms.MATRIX
                ? "agents get messages through their own Matrix room; 'mos say' answers there"
                : "agents get messages typed straight into their tmux pane";
    }

    /** The ps table: one row per agent, columns padded. */
    public static void table(PrintWriter out, FleetSnapshot s) {
        List<String[]> rows = new ArrayList<>();
        // the model column only when a harness reported one (pi's extension, Claude Code's hooks)
        boolean models = s.agents().stream().anyMatch(a -> a.heartbeat().model() != null);
        rows.add(models ? new String[] {"NAME", "ROLE", "RUNTIME", "HOST", "STATE", "PID", "HEARTBEAT", "AGE", "STATUS",
                "MODEL"} : new String[] {"NAME", "ROLE", "RUNTIME", "HOST", "STATE", "PID", "HEARTBEAT", "AGE", "STATUS"});
        for (AgentStatus a : s.agents()) {
            Heartbeat hb = a.heartbeat();
            String[] row = {a.name(), dash(a.role()), dash(a.runtime()), a.host(), a.state().wire()
                    + (a.managed() ? "" : "*"), a.pid() == null ? "-" : a.pid().toString(), hb.health().wire(),
                    hb.age() == null ? "-" : age(hb.age().toMillis()), dash(hb.status())
                    + (hb.activity() == null ? "" : "/" + hb.activity())};
            if (models) {
                row = java.util.Arrays.copyOf(row, row.length + 1);
                row[row.length - 1] = dash(hb.model());
            }
            rows.add(row);
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

    private static String age(long ms) {
        if (ms < 1000) {
            return ms + "ms";
        }
        long sec = ms / 1000;
        return sec < 120 ? sec + "s" : sec < 7200 ? sec / 60 + "m" : sec / 3600 + "h";
    }

    private static void print(PrintWriter out, StartReport r, String socket) {
        line(out, "started", r.started());
        line(out, "already running", r.alreadyRunning());
        drift(out, r.drift(), socket);
        if (r.started().isEmpty() && r.alreadyRunning().isEmpty() && r.failed().isEmpty()) {
            out.println("nothing to start");
        }
    }

    private static void failures(PrintWriter err, StartReport r) {
        for (Map.Entry<String, String> f : r.failed().entrySet()) {
            err.println("error: " + f.getKey() + ": " + f.getValue());
        }
    }

    private static void print(PrintWriter out, StopReport r, String socket) {
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

    private static String dash(@Nullable String s) {
        return s == null ? "-" : s;
    }
}
