package dev.mosaic.connector.slack.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The Socket Mode half of the fake: a WebSocket server that greets each connection with
 * {@code hello}, sends envelopes (events_api, slash_commands, interactive) to the newest open
 * connection, and — like Slack — sends an envelope not acked within {@link #RETRY_AFTER_MILLIS}
 * again as a new envelope with {@code retry_attempt} raised (at most three retries). Envelopes made
 * while no connection is open wait for the next one. {@link #refresh} sends {@code disconnect}
 * ({@code refresh_requested}); {@link #dropConnection} closes the sockets abruptly.
 */
final class FakeSocketMode extends WebSocketServer {

    static final long RETRY_AFTER_MILLIS = 1500;
    private static final int MAX_RETRIES = 3;

    /** An envelope waiting for its ack. */
    private static final class Pending {
        final ObjectNode envelope;
        long sentAt; // 0 = not sent yet
        int attempt;

        Pending(ObjectNode envelope) {
            this.envelope = envelope;
        }
    }

    private final CountDownLatch started = new CountDownLatch(1);
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final List<JsonNode> acks = new ArrayList<>();
    private final List<WebSocket> open = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final ScheduledExecutorService retrier = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-slack-retrier");
        t.setDaemon(true);
        return t;
    });
    private final Consumer<JsonNode> onAck;

    FakeSocketMode(Consumer<JsonNode> onAck) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.onAck = onAck;
        setReuseAddr(true);
        setDaemon(true);
    }

    void startAndWait() throws IOException {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IOException("fake Socket Mode server did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        retrier.scheduleWithFixedDelay(this::retry, 200, 200, TimeUnit.MILLISECONDS);
    }

    String url(int ticket) {
        return "ws://127.0.0.1:" + getPort() + "/link/?ticket=" + ticket;
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        connections.incrementAndGet();
        ObjectNode hello = SlackJson.MAPPER.createObjectNode().put("type", "hello").put("num_connections", 1);
        hello.putObject("debug_info").put("host", "fake-slack").put("approximate_connection_time", 18060);
        hello.putObject("connection_info").put("app_id", FakeSlack.APP_ID);
        conn.send(hello.toString());
        synchronized (this) {
            open.add(conn);
            // Whatever waited for a connection (or was sent on one now gone) goes out here.
            for (Pending p : pending.values()) {
                send(conn, p);
            }
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        synchronized (this) {
            open.remove(conn);
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JsonNode ack = SlackJson.read(message);
        String id = ack.path("envelope_id").asText(null);
        if (id == null) {
            return;
        }
        synchronized (this) {
            if (pending.remove(id) == null) {
                return;
            }
            acks.add(ack);
        }
        onAck.accept(ack);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // a client going away mid-frame is normal in reconnect tests
    }

    /** Sends an envelope of {@code type} carrying {@code payload}; returns its envelope id. */
    String deliver(String type, JsonNode payload, boolean acceptsResponsePayload) {
        ObjectNode env = SlackJson.MAPPER.createObjectNode();
        String id = UUID.randomUUID().toString();
        env.put("envelope_id", id).put("type", type).put("accepts_response_payload", acceptsResponsePayload);
        env.set("payload", payload);
        env.put("retry_attempt", 0).put("retry_reason", "");
        synchronized (this) {
            Pending p = new Pending(env);
            pending.put(id, p);
            WebSocket conn = newest();
            if (conn != null) {
                send(conn, p);
            }
        }
        return id;
    }

    /** Sends an earlier payload again as a retry (new envelope id, {@code retry_attempt} 1), as Slack does. */
    void redeliver(String type, JsonNode payload) {
        ObjectNode env = SlackJson.MAPPER.createObjectNode();
        String id = UUID.randomUUID().toString();
        env.put("envelope_id", id).put("type", type).put("accepts_response_payload", false);
        env.set("payload", payload);
        env.put("retry_attempt", 1).put("retry_reason", "timeout");
        synchronized (this) {
            Pending p = new Pending(env);
            p.attempt = 1;
            pending.put(id, p);
            WebSocket conn = newest();
            if (conn != null) {
                send(conn, p);
            }
        }
    }

    private void retry() {
        long now = System.currentTimeMillis();
        synchronized (this) {
            WebSocket conn = newest();
            if (conn == null) {
                return;
            }
            for (Map.Entry<String, Pending> e : new ArrayList<>(pending.entrySet())) {
                Pending p = e.getValue();
                if (p.sentAt == 0) {
                    send(conn, p);
                } else if (now - p.sentAt >= RETRY_AFTER_MILLIS) {
                    pending.remove(e.getKey());
                    if (p.attempt >= MAX_RETRIES) {
                        continue; // Slack gives up
                    }
                    ObjectNode again = p.envelope.deepCopy();
                    String id = UUID.randomUUID().toString();
                    again.put("envelope_id", id).put("retry_attempt", p.attempt + 1).put("retry_reason", "timeout");
                    Pending q = new Pending(again);
                    q.attempt = p.attempt + 1;
                    pending.put(id, q);
                    send(conn, q);
                }
            }
        }
    }

    private void send(WebSocket conn, Pending p) {
        try {
            conn.send(p.envelope.toString());
            p.sentAt = System.currentTimeMillis();
            sent.incrementAndGet();
        } catch (RuntimeException e) {
            p.sentAt = 0; // the socket went away; the next connection gets it
        }
    }

    private WebSocket newest() {
        for (int i = open.size() - 1; i >= 0; i--) {
            if (open.get(i).isOpen()) {
                return open.get(i);
            }
        }
        return null;
    }

    /** Asks the client to reconnect, as Slack does every few hours ({@code refresh_requested}). */
    void refresh() {
        WebSocket conn;
        synchronized (this) {
            conn = newest();
        }
        if (conn != null) {
            ObjectNode d = SlackJson.MAPPER.createObjectNode().put("type", "disconnect").put("reason", "refresh_requested");
            d.putObject("debug_info").put("host", "fake-slack");
            conn.send(d.toString());
        }
    }

    /** Breaks every open connection without a closing handshake. */
    void dropConnection() {
        List<WebSocket> all;
        synchronized (this) {
            all = new ArrayList<>(open);
        }
        for (WebSocket c : all) {
            c.closeConnection(1006, "dropped by the test");
        }
    }

    int connections() {
        return connections.get();
    }

    synchronized int openConnections() {
        return (int) open.stream().filter(WebSocket::isOpen).count();
    }

    synchronized int unacked() {
        return pending.size();
    }

    synchronized List<JsonNode> acks() {
        return List.copyOf(acks);
    }

    void shutdown() throws InterruptedException {
        retrier.shutdownNow();
        stop(1000);
    }
}
