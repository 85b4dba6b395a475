package dev.mosaic.fleet.update;

import dev.mosaic.fleet.ps.AgentState;
import dev.mosaic.fleet.ps.AgentStatus;

/**
 * When an update may restart an agent: only at rest. {@code idle} (and {@code error}: a failed turn
 * left nothing running) may be restarted; {@code starting}, {@code working} and {@code waiting_*}
 * are never interrupted unless the update is forced. A program without a harness reports no
 * activity: it counts as at rest while it runs.
 */
public final class Drain {

    private Drain() {
    }

    /** True when restarting the agent now interrupts nothing. */
    public static boolean restartable(AgentStatus s) {
        if (s.state() != AgentState.RUNNING) {
            return false;
        }
        String act = s.heartbeat().activity();
        return act == null ? s.waiting() == null : (act.equals("idle") || act.equals("error")) && s.waiting() == null;
    }

    /** Why the agent is not restarted yet, for progress and the report. */
    public static String busy(AgentStatus s) {
        if (s.state() != AgentState.RUNNING) {
            return s.state().wire();
        }
        if (s.waiting() != null) {
            return "waiting for " + s.waiting().kind() + (s.waiting().summary() == null || s.waiting().summary().isBlank()
                    ? "" : " (" + s.waiting().summary().replace('\n', ' ') + ")");
        }
        String act = s.heartbeat().activity();
        return act == null ? "running" : act;
    }
}
