package dev.mosaic.connector.slack;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.socket_mode.request.SocketModeRequest;
import com.slack.api.bolt.socket_mode.request.SocketModeRequestParser;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.socket_mode.impl.SocketModeClientJavaWSImpl;
import com.slack.api.socket_mode.queue.impl.ConcurrentLinkedMessageQueue;
import com.slack.api.util.json.GsonFactory;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Socket Mode WebSocket, feeding envelopes to the Bolt {@link App} and acking each one.
 *
 * <p>Bolt's own {@code SocketModeApp} is not used: it processes envelopes on up to ten threads
 * (no order), acks only envelopes a handler matched (an unhandled {@code message_changed} would be
 * retried forever), and does not say when the socket is ready. Here one processor thread keeps
 * Slack's order, every envelope is acked, and {@link #connect} returns after Slack's {@code hello}.
 * Reconnects ({@code disconnect} refreshes, dropped sockets) are the client's: it opens a new URL
 * through {@code apps.connections.open}; an ack lost in that switch makes Slack retry the envelope,
 * which {@link SlackEvents} recognises by its {@code event_id}.
 *
 * <p>A watchdog covers what the client does not: its reconnect task stops for good on an error it
 * does not expect (a revoked app token makes {@code apps.connections.open} fail that way). When the
 * socket has been down for {@code watchdog}, the link reconnects itself, and a token Slack rejects
 * parks the connector as FAILED with one clear line instead of a silent DEGRADED.
 */
final class SocketModeLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketModeLink.class);
    private static final long SESSION_MONITOR_MILLIS = 2_000L;

    private final Slack slack;
    private final App app;
    private final String appToken;
    private final SlackWeb appWeb;
    private final ConnectorContext context;
    private final SocketModeRequestParser parser;
    private final Gson gson;
    private final CompletableFuture<Void> hello = new CompletableFuture<>();
    private final Duration watchdog;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slack-socket-watchdog");
        t.setDaemon(true);
        return t;
    });
    private volatile SocketModeClient client;
    private volatile boolean closing;
    private volatile long lastClose;
    private volatile String lastCloseReason = "";
    private volatile long lastHello;
    private volatile boolean reportedDown;

    SocketModeLink(Slack slack, App app, String appToken, SlackWeb appWeb, ConnectorContext context, Duration watchdog) {
        this.watchdog = watchdog;
        this.slack = slack;
        this.app = app;
        this.appToken = appToken;
        this.appWeb = appWeb;
        this.context = context;
        this.parser = new SocketModeRequestParser(app.config());
        this.gson = GsonFactory.createSnakeCase(slack.getConfig());
    }

    /** Opens the socket and waits for Slack's {@code hello}. */
    void connect(Duration timeout) throws ConnectorException {
        String url = appWeb.call("apps.connections.open", m -> m.appsConnectionsOpen(r -> r.token(appToken))).getUrl();
        SocketModeClient c;
        try {
            c = new SocketModeClientJavaWSImpl(slack, appToken, url, 1, new ConcurrentLinkedMessageQueue(),
                    true, true, SESSION_MONITOR_MILLIS);
        } catch (URISyntaxException e) {
            throw new ConnectorException("apps.connections.open gave a URL that is not one: " + e.getMessage(), false, e);
        }
        c.addWebSocketMessageListener(this::onMessage);
        // Only noted here: after a refresh the old socket's close can come after the new one's hello,
        // so the watchdog decides (by pinging) whether the link is really down.
        c.addWebSocketCloseListener((code, reason) -> {
            lastClose = System.currentTimeMillis();
            lastCloseReason = "code " + code + (reason == null || reason.isBlank() ? "" : ", " + reason);
        });
        client = c;
        try {
            c.connect();
        } catch (IOException e) {
            throw new ConnectorException("could not open the Socket Mode connection: " + e.getMessage(), e);
        }
        try {
            hello.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ConnectorException("Slack's Socket Mode connection did not say hello within "
                    + timeout.toSeconds() + " s", false);
        } catch (ExecutionException e) {
            throw new ConnectorException("Socket Mode failed: " + e.getCause().getMessage(), false, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted while connecting to Slack", false);
        }
        watcher.scheduleWithFixedDelay(this::watch, 500, 500, TimeUnit.MILLISECONDS);
    }

    private void watch() {
        long since = lastClose;
        SocketModeClient c = client;
        long now = System.currentTimeMillis();
        if (closing || c == null || since <= lastHello || now - since < 1000) {
            return;
        }
        if (c.verifyConnection()) {
            lastHello = now; // the close was the old socket of a refresh; the new one answers pings
            if (reportedDown) {
                reportedDown = false;
                context.reportState(ConnectorState.CONNECTED, "connected to Slack (Socket Mode)");
            }
            return;
        }
        if (!reportedDown) {
            reportedDown = true;
            context.reportState(ConnectorState.DEGRADED, "Socket Mode connection closed (" + lastCloseReason
                    + "), reconnecting");
        }
        if (now - since < watchdog.toMillis()) {
            return;
        }
        lastClose = now; // next attempt after another watchdog period
        try {
            // Ask first, with our own error handling: the answer says whether the token still works.
            appWeb.call("apps.connections.open", m -> m.appsConnectionsOpen(r -> r.token(appToken)));
            LOG.info("Socket Mode down for {} s: reconnecting", (now - since) / 1000);
            c.connectToNewEndpoint();
        } catch (ConnectorException e) {
            if (e.permanent()) {
                closing = true;
                context.reportState(ConnectorState.FAILED, SlackConnector.appTokenProblem(e).getMessage());
            } else {
                LOG.info("Socket Mode still down: {}", e.getMessage());
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("Socket Mode reconnect failed: {}", e.toString());
        }
    }

    private void onMessage(String message) {
        JsonObject json;
        try {
            JsonElement e = JsonParser.parseString(message);
            if (!e.isJsonObject()) {
                return;
            }
            json = e.getAsJsonObject();
        } catch (RuntimeException e) {
            LOG.debug("ignoring a Socket Mode frame that is not JSON");
            return;
        }
        String type = json.has("type") ? json.get("type").getAsString() : "";
        if (type.equals("hello")) {
            lastHello = System.currentTimeMillis();
            if (!hello.isDone()) {
                hello.complete(null);
            } else if (reportedDown) {
                reportedDown = false;
                context.reportState(ConnectorState.CONNECTED, "connected to Slack again (Socket Mode)");
            }
            return;
        }
        String envelopeId = json.has("envelope_id") ? json.get("envelope_id").getAsString() : null;
        if (envelopeId == null) {
            return;
        }
        Response response = null;
        try {
            SocketModeRequest req = parser.parse(message);
            if (req != null) {
                response = app.run(req.getBoltRequest());
            }
        } catch (Exception e) {
            LOG.warn("handling Socket Mode envelope {} ({}) failed", envelopeId, type, e);
        }
        ack(envelopeId, response);
    }

    /** Acks every envelope, handled or not, so Slack never retries one we chose to ignore. */
    private void ack(String envelopeId, Response response) {
        Map<String, Object> ack = new HashMap<>();
        ack.put("envelope_id", envelopeId);
        if (response != null && response.getStatusCode() == 200 && response.getBody() != null
                && !response.getBody().isEmpty()) {
            if (response.getContentType() != null && response.getContentType().startsWith("application/json")) {
                ack.put("payload", gson.fromJson(response.getBody(), JsonElement.class));
            } else {
                ack.put("payload", Map.of("text", response.getBody()));
            }
        }
        try {
            client.sendSocketModeResponse(gson.toJson(ack));
        } catch (RuntimeException e) {
            // The socket is being replaced (a refresh): Slack will retry the envelope, and it is
            // recognised by its event_id then.
            LOG.debug("ack of envelope {} not sent: {}", envelopeId, e.toString());
        }
    }

    @Override
    public void close() {
        closing = true;
        watcher.shutdownNow();
        SocketModeClient c = client;
        client = null;
        if (c != null) {
            try {
                c.setAutoReconnectEnabled(false);
                c.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing the Socket Mode client: {}", e.toString());
            }
        }
    }
}
