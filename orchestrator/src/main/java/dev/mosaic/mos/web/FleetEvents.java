package dev.mosaic.mos.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.audit.AuditLog;
import dev.mosaic.fleet.audit.AuditLog.AuditEntry;
import dev.mosaic.fleet.ps.FleetSnapshot;
import dev.mosaic.fleet.ps.PsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one poller behind {@code GET /api/v1/events}: once a second it takes {@code ps} (one tmux
 * call per host, however many browsers watch), diffs it against the previous poll and broadcasts
 * an {@code agent} event for each row whose state or heartbeat changed, plus {@code audit} events
 * for records appended since. Every 15 s a comment line keeps proxies from closing idle streams.
 */
final class FleetEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FleetEvents.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int AUDIT_BACKLOG = 50;

    private final Fleet fleet;
    private final AuditLog audit;
    private final EventHub hub;
    private final Duration interval;
    private final ScheduledExecutorService poller;
    private final Map<String, String> lastRows = new HashMap<>();
    private volatile ObjectNode lastSnapshot;
    private long lastAuditSeq = -1;
    private long lastAuditSize = -1;
    private long ticks;

    FleetEvents(Fleet fleet, AuditLog audit, EventHub hub, Duration interval) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.hub = Objects.requireNonNull(hub, "hub");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mosaic-web-events");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        poller.scheduleWithFixedDelay(this::pollSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The latest ps as v1 JSON (taken now when the poller has not run yet). */
    ObjectNode snapshot() {
        ObjectNode s = lastSnapshot;
        return s != null ? s : PsJson.tree(fleet.ps());
    }

    /** The last {@value #AUDIT_BACKLOG} audit records, oldest first, as sent in {@code audit} events. */
    List<JsonNode> recentAudit() {
        List<AuditEntry> all = audit.read();
        return all.subList(Math.max(0, all.size() - AUDIT_BACKLOG), all.size()).stream()
                .<JsonNode>map(FleetEvents::auditJson).toList();
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // a broken roster or a tmux hiccup must not kill the poller; the next tick tries again
            LOG.warn("fleet poll failed: {}", e.getMessage());
        } catch (Throwable t) { // NOPMD - a scheduled task that throws is never run again
            LOG.error("fleet poll failed; the web's live updates keep polling", t);
        }
    }

    private synchronized void poll() {
        ticks++;
        if (ticks % Math.max(1, 15_000 / Math.max(1, interval.toMillis())) == 0) {
            hub.comment("keep-alive");
        }
        FleetSnapshot snap = fleet.ps();
        ObjectNode tree = PsJson.tree(snap);
        lastSnapshot = tree;
        Set<String> seen = new HashSet<>();
        for (JsonNode row : tree.get("agents")) {
            String name = row.get("name").asText();
            seen.add(name);
            String key = changeKey(row);
            String before = lastRows.put(name, key);
            if (!key.equals(before)) {
                ObjectNode ev = JSON.createObjectNode();
                ev.put("name", name);
                ev.put("change", before == null ? "added" : "changed");
                ev.set("agent", row);
                hub.broadcast("agent", ev.toString());
            }
        }
        for (String gone : new HashSet<>(lastRows.keySet())) {
            if (!seen.contains(gone)) {
                lastRows.remove(gone);
                ObjectNode ev = JSON.createObjectNode();
                ev.put("name", gone);
                ev.put("change", "removed");
                hub.broadcast("agent", ev.toString());
            }
        }
        pollAudit();
    }

    /** What counts as a change: state, pid, heartbeat health/ts/status/activity, detail — not the ever-growing age. */
    private static String changeKey(JsonNode row) {
        JsonNode hb = row.path("heartbeat");
        return String.join("\u0000", row.path("state").asText(), row.path("pid").asText(),
                row.path("host").asText(), row.path("detail").asText(), hb.path("health").asText(),
                hb.path("ts").asText(), hb.path("status").asText(), hb.path("activity").asText(),
                row.path("waiting").path("summary").asText(), hb.path("model").asText());
    }

    private void pollAudit() {
        Path file = audit.file();
        long size;
        try {
            size = Files.exists(file) ? Files.size(file) : 0;
        } catch (java.io.IOException e) {
            return;
        }
        if (size == lastAuditSize) {
            return;
        }
        lastAuditSize = size;
        List<AuditEntry> all = audit.read();
        if (lastAuditSeq < 0) {
            // first look: only what is appended from now on is news
            lastAuditSeq = all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
            return;
        }
        for (AuditEntry e : all) {
            if (e.seq() > lastAuditSeq) {
                hub.broadcast("audit", auditJson(e).toString());
                lastAuditSeq = e.seq();
            }
        }
    }

    static ObjectNode auditJson(AuditEntry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("seq", e.seq());
        n.put("time", e.record().time().toString());
        n.put("actor", e.record().actor());
        n.put("action", e.record().action());
        n.put("target", e.record().target());
        n.put("result", e.record().result());
        return n;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
