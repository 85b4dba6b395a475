package dev.mosaic.fleet.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.fleet.heartbeat.Health;
import dev.mosaic.fleet.heartbeat.Heartbeat;
import dev.mosaic.fleet.ps.Waiting;
import dev.mosaic.fleet.redact.Redactor;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import dev.mosaic.fleet.runtime.ScreenPatterns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An agent's live state as {@code ps} shows it: what the harness reported itself (hooks, status
 * line, extension, notify), checked against and completed by its screen where the report is
 * missing or overtaken (before the first hook; a first-run dialog; an Esc that fires no hook), and
 * what it waits for, redacted. The screen is read only when it can change the answer, so a fleet
 * of idle or working agents costs no capture.
 */
public final class LiveState {

    /** How many characters of a summary reach ps and chat. */
    public static final int SUMMARY_MAX = 300;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The agent's heartbeat with its live activity and health, and what it waits for. */
    public record Reading(Heartbeat heartbeat, Waiting waiting) {
    }

    private LiveState() {
    }

    /**
     * @param hb the beat from the heartbeat file
     * @param pid the pane's process, or {@code null}
     * @param screen the visible pane (called at most once, only when needed)
     * @param request the pending permission request the hook saved, or {@code null}
     * @param local the agent runs on this machine (its process can be inspected)
     */
    public static Reading observe(RuntimeProfile p, Heartbeat hb, Long pid, Supplier<String> screen, String request,
                                  Instant now, boolean local) {
        boolean watched = p.harness() != null || !p.screen().equals(ScreenPatterns.NONE);
        String activity = hb.activity();
        String scr = null;
        boolean ownReport = activity != null && !activity.equals("starting");
        if (watched && (!ownReport || activity.startsWith("waiting"))) {
            scr = screen.get();
            Optional<String> seen = scr == null ? Optional.empty() : p.screen().classify(scr, p.ready());
            if (seen.isPresent() && (!ownReport || !seen.get().equals(activity))) {
                activity = seen.get();
            }
        }
        Instant since = activity != null && activity.equals(hb.activity()) && hb.since() != null ? hb.since() : now;
        Heartbeat out = activity == null ? hb : hb.withActivity(activity, since);
        if (p.nativeHeartbeat() && local && pid != null && stopped(pid)) {
            out = out.withHealth(Health.STALE); // a stopped (hung) harness cannot report: never healthy
        } else if (p.nativeHeartbeat() && out.waiting() && out.health() == Health.STALE) {
            // a harness parked on a dialog does not beat (Claude Code hides its status line); its
            // process runs and is not stopped, so it is waiting, not hung
            out = out.withHealth(Health.HEALTHY);
        }
        Waiting waiting = null;
        if ("waiting_approval".equals(activity) || "waiting".equals(activity)) {
            String summary = request != null && "waiting_approval".equals(hb.activity()) ? requestSummary(request) : null;
            if (summary == null && scr != null) {
                summary = p.screen().excerpt(scr, "waiting_approval", 8, 0);
            }
            waiting = new Waiting("approval", clip(summary), since);
        } else if ("waiting_input".equals(activity)) {
            // a question the harness asked (its hook saved it) reads as the question and its options
            Optional<Questions.Question> q = Questions.current(request, scr);
            String dialog = q.isPresent() ? q.get().summary()
                    : clip(scr == null ? "" : p.screen().excerpt(scr, "waiting_input", 8, 10));
            waiting = new Waiting("input", dialog, since);
        }
        return new Reading(out, waiting);
    }

    /** {@code "Bash: touch /tmp/x"} from a Claude Code PermissionRequest payload, or {@code null}. */
    static String requestSummary(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            String tool = n.path("tool_name").asText("");
            if (tool.isEmpty()) {
                return null;
            }
            JsonNode in = n.path("tool_input");
            for (String k : new String[] {"command", "file_path", "url", "pattern", "path"}) {
                if (in.hasNonNull(k)) {
                    return tool + ": " + in.get(k).asText();
                }
            }
            return tool + (in.isMissingNode() || in.isEmpty() ? "" : ": " + in);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String clip(String s) {
        String r = Redactor.redact(s == null ? "" : s.strip());
        return r.length() <= SUMMARY_MAX ? r : r.substring(0, SUMMARY_MAX - 1) + "…";
    }

    /** True when the local process is stopped (SIGSTOP / traced): state T or t in /proc. */
    static boolean stopped(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && (stat.charAt(close + 2) == 'T' || stat.charAt(close + 2) == 't');
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
