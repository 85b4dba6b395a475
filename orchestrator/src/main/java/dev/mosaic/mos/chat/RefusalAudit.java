package dev.mosaic.mos.chat;

import dev.mosaic.mos.app.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Audits refusals (unknown senders, people over their rate, a role too low) without letting anyone
 * who can post grow the audit log without bound: one record per sender, door ({@code chat},
 * {@code comms}) and result per window (a minute); it names the action of the window's first
 * refusal. The first refusal of a window is written at once, with {@code count: 1};
 * later ones in the same window are counted, and the count is written with the next refusal
 * after the window, or by {@link #flushExpired} (the service's tick), or at {@link #flush}
 * (shutdown). The counts of all records add up to the number of refusals.
 */
public final class RefusalAudit {

    private static final int MAX_SENDERS = 10_000;
    private static final java.util.Set<String> PER_MESSAGE = java.util.Set.of("messageId", "durationMs");

    private final AuditTrail trail;
    private final Clock clock;
    private final Duration window;
    /** Per sender/action/result, the open window; access-ordered, so the least recent goes first. */
    private final Map<String, Window> windows = new LinkedHashMap<>(16, 0.75f, true);

    private static final class Window {
        final String actor;
        final String action;
        final String target;
        final String result;
        final Map<String, Object> details;
        final Instant start;
        long unwritten;

        Window(String actor, String action, String target, String result, Map<String, Object> details, Instant start) {
            this.actor = actor;
            this.action = action;
            this.target = target;
            this.result = result;
            this.details = details;
            this.start = start;
        }
    }

    /** @param window how long one record stands for a sender's repeated refusals, e.g. a minute */
    public RefusalAudit(AuditTrail trail, Clock clock, Duration window) {
        this.trail = Objects.requireNonNull(trail, "trail");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new ChatException("refusal audit window must be positive, was " + window);
        }
    }

    /** Records one refusal, or counts it in the sender's open window. */
    public void refused(String actor, String action, String target, String result, Map<String, Object> details) {
        // per sender, door (chat, comms) and result: a stranger alternating verbs is still one sender
        int dot = action.indexOf('.');
        String key = actor + '\u0000' + (dot < 0 ? action : action.substring(0, dot)) + '\u0000' + result;
        Instant now = clock.instant();
        List<Window> due = new ArrayList<>();
        synchronized (this) {
            Window w = windows.get(key);
            if (w != null && now.isBefore(w.start.plus(window))) {
                w.unwritten++;
                return;
            }
            long carried = w == null ? 0 : w.unwritten;
            windows.put(key, new Window(actor, action, target, result, details, now));
            due.add(new Window(actor, action, target, result, withCount(details, carried + 1), now));
            if (windows.size() > MAX_SENDERS) {
                Iterator<Window> it = windows.values().iterator();
                Window eldest = it.next();
                it.remove();
                if (eldest.unwritten > 0) {
                    due.add(eldest);
                }
            }
        }
        due.forEach(this::write);
    }

    /** Writes the counts of windows that have ended (called every few seconds). */
    public void flushExpired() {
        drain(clock.instant());
    }

    /** Writes every count not yet written (at shutdown). */
    public void flush() {
        drain(null);
    }

    private void drain(Instant now) {
        List<Window> due = new ArrayList<>();
        synchronized (this) {
            Iterator<Window> it = windows.values().iterator();
            while (it.hasNext()) {
                Window w = it.next();
                if (now == null || !now.isBefore(w.start.plus(window))) {
                    it.remove();
                    if (w.unwritten > 0) {
                        due.add(w);
                    }
                }
            }
        }
        due.forEach(this::write);
    }

    private void write(Window w) {
        Map<String, Object> details = w.details;
        if (!details.containsKey("count")) {
            // the refusals after the window's first: what one message had (its id, its time) is not theirs
            Map<String, Object> common = new LinkedHashMap<>(details);
            common.keySet().removeAll(PER_MESSAGE);
            details = withCount(common, w.unwritten);
        }
        trail.record(w.actor, w.action, w.target, w.result, details);
    }

    private Map<String, Object> withCount(Map<String, Object> details, long count) {
        Map<String, Object> d = new LinkedHashMap<>(details);
        d.put("count", count);
        d.put("window", window.toSeconds() + "s");
        return d;
    }
}
