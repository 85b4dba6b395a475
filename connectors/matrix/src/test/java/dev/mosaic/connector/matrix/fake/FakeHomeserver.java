package dev.mosaic.connector.matrix.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Matrix homeserver subset on loopback for tests: password login and token auth, whoami,
 * filters, {@code /sync} long polling that answers as soon as something happens, room messages
 * with transaction-id idempotency, joins and invites, typing, read receipts, joined members and
 * room creation. Faults can be armed: rate limits ({@code 429 M_LIMIT_EXCEEDED} with
 * {@code retry_after_ms}) and "stored, but the answer was lost" (502 after storing).
 *
 * <p>Helpers play the people in the rooms ({@link #userSends}, {@link #invite}) and inspect what
 * the bot did ({@link #botMessages}, {@link #receipts}, {@link #requests}). Depends on the JDK and
 * Jackson only, so other modules' tests can reuse it.
 */
public final class FakeHomeserver implements AutoCloseable {

    /** One request as the fake received it; {@code receivedNanos} is {@link System#nanoTime()}. */
    public record Request(String method, String path, long receivedNanos) {
    }

    static final String SERVER = "localhost";

    final ObjectMapper json = new ObjectMapper();
    private final HttpServer http;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-homeserver");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private final Map<String, String> tokens = new HashMap<>();      // token → user id
    private final Map<String, String> passwords = new HashMap<>();   // user id → password
    final Map<String, FakeRoom> rooms = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, JsonNode> filters = new HashMap<>();
    private final Map<String, String> txns = new HashMap<>();        // token + txn id → event id
    private final Map<String, List<String>> receipts = new HashMap<>();
    private final Map<String, List<String>> typing = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger rateLimitedSends = new AtomicInteger();
    private final AtomicInteger lostSendAnswers = new AtomicInteger();
    private final AtomicInteger failingSyncs = new AtomicInteger();
    private volatile long retryAfterMs;
    private int rateLimitedSyncs;
    private long syncRetryAfterMs;
    private boolean syncRetryAfterInBody;
    private long syncGeneration;
    private int pendingSyncs;
    private long position;
    private int counter;

    private FakeHomeserver(HttpServer http) {
        this.http = http;
    }

    /** Starts a fake on 127.0.0.1 and a free port. */
    public static FakeHomeserver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        FakeHomeserver fake = new FakeHomeserver(server);
        server.setExecutor(fake.pool); // long polls must not block other requests
        server.createContext("/", ex -> FakeHttp.handle(fake, ex));
        server.start();
        return fake;
    }

    /** The base URL to configure as {@code homeserver}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    // ---------------------------------------------------------------- test helpers: people

    /** Registers a user that logs in with {@code token} (and {@code password}, may be null). */
    public void addUser(String userId, String token, String password) {
        synchronized (lock) {
            tokens.put(token, userId);
            if (password != null) {
                passwords.put(userId, password);
            }
        }
    }

    /** Creates a room whose {@code members} (the creator first) have all joined; returns its id. */
    public String createRoom(boolean encrypted, String... members) {
        synchronized (lock) {
            FakeRoom room = newRoom();
            for (String m : members) {
                append(room, "m.room.member", m, m, json.createObjectNode().put("membership", "join"), null);
            }
            if (encrypted) {
                append(room, "m.room.encryption", members[0], "",
                        json.createObjectNode().put("algorithm", "m.megolm.v1.aes-sha2"), null);
            }
            return room.id;
        }
    }

    /** Lets anyone join {@code roomId} without an invite (a public room). */
    public void makePublic(String roomId) {
        synchronized (lock) {
            room(roomId).publicJoin = true;
        }
    }

    /** Gives {@code roomId} the alias {@code #localpart:localhost}; returns the full alias. */
    public String addAlias(String roomId, String localpart) {
        synchronized (lock) {
            String alias = "#" + localpart + ":" + SERVER;
            aliases.put(alias, roomId);
            return alias;
        }
    }

    /** {@code inviter} invites {@code invitee} into {@code roomId}; returns the invite event id. */
    public String invite(String inviter, String roomId, String invitee) {
        synchronized (lock) {
            return append(room(roomId), "m.room.member", inviter, invitee,
                    json.createObjectNode().put("membership", "invite"), null).eventId();
        }
    }

    /** {@code userId} accepts an invite to (or joins the public) {@code roomId}. */
    public void userJoins(String userId, String roomId) {
        synchronized (lock) {
            FakeRoom room = room(roomId);
            if (!"invite".equals(room.membership(userId)) && !room.publicJoin) {
                throw new IllegalStateException(userId + " is not invited to " + roomId);
            }
            append(room, "m.room.member", userId, userId, json.createObjectNode().put("membership", "join"), null);
        }
    }

    /** The room id an alias ({@code #name:localhost}) points to, or {@code null}. */
    public String resolveAlias(String alias) {
        synchronized (lock) {
            return aliases.get(alias);
        }
    }

    /** {@code userId} says {@code body} ({@code m.text}) in {@code roomId}; returns the event id. */
    public String userSends(String userId, String roomId, String body) {
        return userSendsContent(userId, roomId, "m.room.message",
                json.createObjectNode().put("msgtype", "m.text").put("body", body));
    }

    /** {@code userId} sends an end-to-end encrypted event into {@code roomId}. */
    public String userSendsEncrypted(String userId, String roomId) {
        return userSendsContent(userId, roomId, "m.room.encrypted", json.createObjectNode()
                .put("algorithm", "m.megolm.v1.aes-sha2").put("ciphertext", "AwgAEnAC...").put("session_id", "x"));
    }

    private String userSendsContent(String userId, String roomId, String type, ObjectNode content) {
        synchronized (lock) {
            FakeRoom room = room(roomId);
            if (!"join".equals(room.membership(userId))) {
                throw new IllegalStateException(userId + " is not in " + roomId);
            }
            return append(room, type, userId, null, content, null).eventId();
        }
    }

    // ---------------------------------------------------------------- test helpers: inspection

    /** The {@code m.room.message} events that clients posted through {@code PUT /send}. */
    public List<FakeEvent> botMessages(String roomId) {
        synchronized (lock) {
            return room(roomId).events.stream()
                    .filter(e -> e.txnId() != null && "m.room.message".equals(e.type())).toList();
        }
    }

    /** Every event of {@code roomId}, in order. */
    public List<FakeEvent> events(String roomId) {
        synchronized (lock) {
            return List.copyOf(room(roomId).events);
        }
    }

    /** The joined members of {@code roomId}. */
    public Set<String> members(String roomId) {
        synchronized (lock) {
            return Set.copyOf(room(roomId).joined());
        }
    }

    /** The event ids that got an {@code m.read} receipt in {@code roomId}. */
    public List<String> receipts(String roomId) {
        synchronized (lock) {
            return List.copyOf(receipts.getOrDefault(roomId, List.of()));
        }
    }

    /** The user ids that sent a typing notification in {@code roomId}. */
    public List<String> typing(String roomId) {
        synchronized (lock) {
            return List.copyOf(typing.getOrDefault(roomId, List.of()));
        }
    }

    /** Every request received so far, in order. */
    public List<Request> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /** The rooms that exist, by id. */
    public Set<String> roomIds() {
        synchronized (lock) {
            return Set.copyOf(rooms.keySet());
        }
    }

    // ---------------------------------------------------------------- faults

    /** The next {@code n} {@code PUT /send} calls answer 429 M_LIMIT_EXCEEDED with {@code retryAfterMs}. */
    public void rateLimitNextSends(int n, long retryAfterMs) {
        this.retryAfterMs = retryAfterMs;
        rateLimitedSends.set(n);
    }

    /** The next {@code n} new sends are stored, but answered with 502 as if the response got lost. */
    public void loseNextSendAnswers(int n) {
        lostSendAnswers.set(n);
    }

    /**
     * The next {@code n} {@code GET /sync} calls answer 429 M_LIMIT_EXCEEDED: with
     * {@code retry_after_ms} in the body when {@code inBody}, else only a {@code Retry-After}
     * header of {@code retryAfterMs} rounded up to whole seconds (as a reverse proxy sends it).
     */
    public void rateLimitNextSyncs(int n, long retryAfterMs, boolean inBody) {
        synchronized (lock) {
            syncRetryAfterMs = retryAfterMs;
            syncRetryAfterInBody = inBody;
            rateLimitedSyncs = n;
        }
    }

    /** {@code userId} edits its message {@code original} to read {@code newBody} (an {@code m.replace} event). */
    public String userEdits(String userId, String roomId, String original, String newBody) {
        ObjectNode content = json.createObjectNode().put("msgtype", "m.text").put("body", "* " + newBody);
        content.putObject("m.new_content").put("msgtype", "m.text").put("body", newBody);
        content.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", original);
        return userSendsContent(userId, roomId, "m.room.message", content);
    }

    /**
     * {@code userId} says every one of {@code bodies} in {@code roomId} at once (one hold of the
     * server's lock): a sync then sees them all together and, beyond the filter's timeline limit,
     * gets a {@code limited} timeline with a {@code prev_batch} — a gap, as a busy room produces.
     */
    public List<String> userSendsAll(String userId, String roomId, List<String> bodies) {
        synchronized (lock) {
            List<String> ids = new ArrayList<>();
            for (String b : bodies) {
                ids.add(userSends(userId, roomId, b));
            }
            return ids;
        }
    }

    /** The next {@code n} {@code GET /sync} calls answer 500, as a homeserver restarting would. */
    public void failNextSyncs(int n) {
        failingSyncs.set(n);
    }

    /**
     * Breaks every running {@code /sync} long poll: each answers 502 at once, as a reverse proxy in
     * front of a restarting homeserver would. Later polls work again.
     */
    public void dropSyncs() {
        synchronized (lock) {
            syncGeneration++;
            lock.notifyAll();
        }
    }

    /**
     * Puts the already stored event {@code eventId} into the sync stream once more (same id, new
     * stream position), as a server does when it re-sends a timeline after a gap.
     */
    public void redeliver(String eventId) {
        synchronized (lock) {
            for (FakeRoom room : rooms.values()) {
                for (FakeEvent e : List.copyOf(room.events)) {
                    if (e.eventId().equals(eventId)) {
                        room.events.add(new FakeEvent(++position, e.roomId(), e.eventId(), e.type(), e.sender(),
                                e.stateKey(), e.content(), e.originServerTs(), e.txnId()));
                        lock.notifyAll();
                        return;
                    }
                }
            }
            throw new IllegalArgumentException("no event " + eventId);
        }
    }

    /** How many {@code /sync} requests are being answered right now (long polls waiting). */
    public int pendingSyncs() {
        synchronized (lock) {
            return pendingSyncs;
        }
    }

    /** Logs {@code token} out: every later request with it gets 401 M_UNKNOWN_TOKEN. */
    public void revokeToken(String token) {
        synchronized (lock) {
            tokens.remove(token);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }

    // ---------------------------------------------------------------- HTTP

    /** An HTTP answer: status and JSON body. */
    record Answer(int status, JsonNode body, Map<String, String> headers) {
        Answer(int status, JsonNode body) {
            this(status, body, Map.of());
        }
    }

    Answer error(int status, String errcode, String error) {
        return new Answer(status, json.createObjectNode().put("errcode", errcode).put("error", error));
    }

    // ---------------------------------------------------------------- state used by FakeRoutes

    void record(Request request) {
        synchronized (lock) {
            requests.add(request);
        }
    }

    Object lock() {
        return lock;
    }

    String userForToken(String token) {
        return token == null ? null : tokens.get(token);
    }

    String login(String user, String password) {
        String userId = user.startsWith("@") ? user : "@" + user + ":" + SERVER;
        if (password == null || !password.equals(passwords.get(userId))) {
            return null;
        }
        String token = "syt_" + UUID.randomUUID();
        tokens.put(token, userId);
        return userId + "\n" + token;
    }

    String putFilter(JsonNode filter) {
        String id = "f" + (filters.size() + 1);
        filters.put(id, filter);
        return id;
    }

    JsonNode filter(String id) {
        return id == null ? null : filters.get(id);
    }

    FakeRoom roomOrAlias(String idOrAlias) {
        return rooms.get(aliases.getOrDefault(idOrAlias, idOrAlias));
    }

    FakeRoom room(String roomId) {
        FakeRoom r = rooms.get(roomId);
        if (r == null) {
            throw new IllegalArgumentException("no room " + roomId);
        }
        return r;
    }

    FakeRoom newRoom() {
        FakeRoom room = new FakeRoom("!r" + (++counter) + "x" + Long.toHexString(System.nanoTime() & 0xffff)
                + ":" + SERVER);
        rooms.put(room.id, room);
        return room;
    }

    FakeEvent append(FakeRoom room, String type, String sender, String stateKey, ObjectNode content, String txnId) {
        FakeEvent e = new FakeEvent(++position, room.id, "$e" + position + "_" + UUID.randomUUID()
                .toString().substring(0, 8), type, sender, stateKey, content, System.currentTimeMillis(), txnId);
        room.add(e);
        lock.notifyAll(); // wake long polls
        return e;
    }

    void pendingSyncs(int delta) {
        pendingSyncs += delta;
    }

    long syncGeneration() {
        return syncGeneration;
    }

    long position() {
        return position;
    }

    void waitForEvents(long millis) throws InterruptedException {
        lock.wait(Math.max(1, millis));
    }

    /** Returns the event id a txn id already produced, or null. */
    String txn(String token, String roomId, String txnId) {
        return txns.get(token + "\0" + roomId + "\0" + txnId);
    }

    void rememberTxn(String token, String roomId, String txnId, String eventId) {
        txns.put(token + "\0" + roomId + "\0" + txnId, eventId);
    }

    boolean takeRateLimit() {
        return rateLimitedSends.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    long retryAfterMs() {
        return retryAfterMs;
    }

    /** A 429 for this sync, or null: counts down {@link #rateLimitNextSyncs}. Called under the lock. */
    Answer takeRateLimitedSync() {
        if (rateLimitedSyncs <= 0) {
            return null;
        }
        rateLimitedSyncs--;
        ObjectNode body = json.createObjectNode().put("errcode", "M_LIMIT_EXCEEDED").put("error", "Too Many Requests");
        if (syncRetryAfterInBody) {
            body.put("retry_after_ms", syncRetryAfterMs);
            return new Answer(429, body);
        }
        return new Answer(429, body, Map.of("Retry-After", Long.toString((syncRetryAfterMs + 999) / 1000)));
    }

    boolean takeFailingSync() {
        return failingSyncs.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    boolean takeLostAnswer() {
        return lostSendAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    void recordReceipt(String roomId, String eventId) {
        receipts.computeIfAbsent(roomId, k -> new ArrayList<>()).add(eventId);
    }

    void recordTyping(String roomId, String userId) {
        typing.computeIfAbsent(roomId, k -> new ArrayList<>()).add(userId);
    }
}
