package dev.mosaic.mos.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.fleet.MosaicException;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/agents/{name}/stream}: one pane, live. Each open socket captures its pane on a
 * short interval and pushes a screen message ({@code {"type":"screen",name,cols,rows,cursor,ansi}})
 * only when something changed, or a {@code {"type":"status","message"}} when the agent is not
 * running (it keeps watching, so a restart shows up by itself). Authentication, the Origin check
 * and the pane-reading role were checked at the upgrade, and the access check runs again before
 * every capture: a revoked token, an ended session, a removed or demoted principal closes the
 * socket (code {@value #REVOKED}) within one interval.
 */
final class PaneStream implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PaneStream.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The close code when access ended: 1008, policy violation. */
    static final int REVOKED = 1008;

    /** Whether the holder of a socket may still read its pane; throws with the reason when not. */
    interface AccessCheck {
        void check(WebAuth.Credential credential);
    }

    private final PaneScreen screens;
    private final AccessCheck access;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final Map<String, ScheduledFuture<?>> watchers = new ConcurrentHashMap<>();

    PaneStream(PaneScreen screens, AccessCheck access, ScheduledExecutorService scheduler, Duration interval) {
        this.screens = Objects.requireNonNull(screens, "screens");
        this.access = Objects.requireNonNull(access, "access");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
            String agent = ctx.pathParam("name");
            WebAuth.Credential credential = new WebAuth.Credential(ctx.header("Authorization"),
                    ctx.cookie(WebAuth.COOKIE));
            String[] last = {null};
            Runnable tick = () -> push(ctx, agent, credential, last);
            watchers.put(ctx.sessionId(), scheduler.scheduleWithFixedDelay(tick, 0, interval.toMillis(),
                    TimeUnit.MILLISECONDS));
        });
        ws.onClose(ctx -> stopWatching(ctx));
        ws.onError(ctx -> stopWatching(ctx));
    }

    private void push(WsContext ctx, String agent, WebAuth.Credential credential, String[] last) {
        try {
            if (!ctx.session.isOpen()) {
                stopWatching(ctx);
                return;
            }
            try {
                access.check(credential);
            } catch (MosaicException e) {
                LOG.info("closing the pane stream of {}: {}", agent, e.getMessage());
                stopWatching(ctx);
                ctx.closeSession(REVOKED, "access revoked");
                return;
            }
            ObjectNode msg;
            try {
                msg = screens.capture(agent).json(JSON);
                msg.put("type", "screen");
            } catch (MosaicException e) {
                msg = JSON.createObjectNode();
                msg.put("type", "status");
                msg.put("name", agent);
                msg.put("message", e.getMessage());
            }
            String text = msg.toString();
            if (!text.equals(last[0])) {
                last[0] = text;
                ctx.send(text);
            }
        } catch (RuntimeException e) {
            // the socket went away between the check and the send; its watcher ends here
            LOG.debug("pane stream for {} ended: {}", agent, e.getMessage());
            stopWatching(ctx);
        }
    }

    private void stopWatching(WsContext ctx) {
        ScheduledFuture<?> f = watchers.remove(ctx.sessionId());
        if (f != null) {
            f.cancel(false);
        }
    }

    int open() {
        return watchers.size();
    }

    @Override
    public void close() {
        watchers.values().forEach(f -> f.cancel(false));
        watchers.clear();
    }
}
