package dev.mosaic.connector.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The gateway half of the fake: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeat ACKs, dispatches
 * with sequence numbers, and RESUME (op 6) replaying missed events then RESUMED, like Discord.
 * Bad tokens are closed with 4004. Faults on demand: op 7 (reconnect), op 9 (invalid session,
 * resumable or not), heartbeat ACKs withheld from a connection (a zombie), a short heartbeat interval.
 */
final class FakeDiscordGateway extends WebSocketServer {

    private record Dispatch(int seq, String type, JsonNode data) {
    }

    private final String token;
    private final Supplier<ObjectNode> readyData;
    private final Supplier<ObjectNode> guildCreate;
    private final CountDownLatch started = new CountDownLatch(1);
    private final List<Dispatch> log = new ArrayList<>();
    private final AtomicInteger identifies = new AtomicInteger();
    private final AtomicInteger resumes = new AtomicInteger();
    private volatile WebSocket current;
    private volatile String sessionId;
    private volatile long intents = -1;
    /** How many already-acknowledged events a RESUME replays on top of the missed ones (Discord may overlap). */
    private volatile int resumeOverlap;
    /** Whether the application may use the privileged MESSAGE_CONTENT intent (a Developer Portal switch). */
    private volatile boolean messageContentAllowed = true;
    /** The interval HELLO announces; Discord says ~41 s, a test may shorten it to see missed ACKs soon. */
    private volatile int heartbeatIntervalMs = 41250;
    /** A connection whose heartbeats get no ACK (a zombie, as after a half-dead TCP connection). */
    private volatile WebSocket withholdAcksFrom;
    private final AtomicInteger heartbeats = new AtomicInteger();
    private int seq;

    FakeDiscordGateway(String token, Supplier<ObjectNode> readyData, Supplier<ObjectNode> guildCreate) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.token = token;
        this.readyData = readyData;
        this.guildCreate = guildCreate;
        setReuseAddr(true);
        setDaemon(true);
    }

    void startAndWait() throws IOException {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IOException("fake gateway did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    String url() {
        return "ws://127.0.0.1:" + getPort();
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        // Not live yet: events go to a connection only after IDENTIFY or RESUME, as on Discord.
        ObjectNode hello = DiscordJson.MAPPER.createObjectNode().put("op", 10);
        hello.putObject("d").put("heartbeat_interval", heartbeatIntervalMs);
        hello.putNull("s");
        hello.putNull("t");
        conn.send(hello.toString());
    }

    @Override
    public void onMessage(WebSocket conn, String text) {
        JsonNode msg;
        try {
            msg = DiscordJson.MAPPER.readTree(text);
        } catch (IOException e) {
            conn.close(4002, "Error while decoding payload");
            return;
        }
        JsonNode d = msg.path("d");
        switch (msg.path("op").asInt(-1)) {
            case 1 -> {
                heartbeats.incrementAndGet();
                if (conn != withholdAcksFrom) {
                    conn.send("{\"op\":11,\"d\":null,\"s\":null,\"t\":null}");
                }
            }
            case 2 -> identify(conn, d);
            case 6 -> resume(conn, d);
            default -> { } // presence updates and the like: nothing to do
        }
    }

    private void identify(WebSocket conn, JsonNode d) {
        if (!token.equals(stripBot(d.path("token").asText()))) {
            conn.close(4004, "Authentication failed.");
            return;
        }
        identifies.incrementAndGet();
        intents = d.path("intents").asLong(-1);
        if (!messageContentAllowed && (intents & (1L << 15)) != 0) {
            conn.close(4014, "Disallowed intent(s).");
            return;
        }
        synchronized (this) {
            sessionId = UUID.randomUUID().toString().replace("-", "");
            log.clear();
            seq = 0;
            current = conn;
        }
        ObjectNode ready = readyData.get();
        ready.put("session_id", sessionId).put("resume_gateway_url", url());
        dispatch("READY", ready);
        dispatch("GUILD_CREATE", guildCreate.get());
    }

    private void resume(WebSocket conn, JsonNode d) {
        if (!token.equals(stripBot(d.path("token").asText())) || !d.path("session_id").asText().equals(sessionId)) {
            conn.send("{\"op\":9,\"d\":false,\"s\":null,\"t\":null}");
            return;
        }
        resumes.incrementAndGet();
        long from = d.path("seq").asLong() - resumeOverlap;
        synchronized (this) {
            log.stream().filter(e -> e.seq() > from).forEach(e -> conn.send(frame(e)));
            current = conn;
        }
        dispatch("RESUMED", DiscordJson.MAPPER.createObjectNode());
    }

    private static String stripBot(String t) {
        return t.startsWith("Bot ") ? t.substring(4) : t;
    }

    /** Sends an event to the connected client, or keeps it for a RESUME when none is connected. */
    synchronized void dispatch(String type, JsonNode data) {
        Dispatch e = new Dispatch(++seq, type, data);
        log.add(e);
        WebSocket conn = current;
        if (conn != null && conn.isOpen()) {
            conn.send(frame(e));
        }
    }

    private static String frame(Dispatch e) {
        ObjectNode f = DiscordJson.MAPPER.createObjectNode().put("op", 0).put("s", e.seq()).put("t", e.type());
        f.set("d", e.data());
        return f.toString();
    }

    /** Drops the connection the way a network fault or a Discord restart does (close 4000: may resume). */
    synchronized void dropConnection() {
        WebSocket conn = current;
        current = null;
        if (conn != null) {
            conn.close(4000, "fake gateway dropped the connection");
        }
    }

    /** Sends op 7 RECONNECT: the client should close and RESUME on a new connection. */
    void requestReconnect() {
        WebSocket conn = current;
        if (conn != null) {
            conn.send("{\"op\":7,\"d\":null,\"s\":null,\"t\":null}");
        }
    }

    /**
     * Sends op 9 INVALID SESSION. With {@code resumable} the session stays and the client may
     * RESUME; without, the session is gone (a RESUME gets op 9 false again) and it must IDENTIFY.
     */
    void invalidateSession(boolean resumable) {
        WebSocket conn;
        synchronized (this) {
            conn = current;
            if (!resumable) {
                sessionId = "invalidated-" + UUID.randomUUID();
                current = null; // nothing is dispatched to a connection whose session is gone
            }
        }
        if (conn != null) {
            conn.send("{\"op\":9,\"d\":" + resumable + ",\"s\":null,\"t\":null}");
        }
    }

    /** From now on the current connection's heartbeats are not acknowledged (later connections' are). */
    void withholdHeartbeatAcks() {
        withholdAcksFrom = current;
    }

    void heartbeatInterval(int ms) {
        this.heartbeatIntervalMs = ms;
    }

    int heartbeats() {
        return heartbeats.get();
    }

    void messageContentAllowed(boolean allowed) {
        this.messageContentAllowed = allowed;
    }

    void resumeOverlap(int events) {
        this.resumeOverlap = events;
    }

    boolean connected() {
        WebSocket conn = current;
        return conn != null && conn.isOpen();
    }

    int identifies() {
        return identifies.get();
    }

    int resumes() {
        return resumes.get();
    }

    long intents() {
        return intents;
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        if (conn == current) {
            current = null;
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // a client going away mid-frame is normal for a gateway; the test sees the effect
    }
}
