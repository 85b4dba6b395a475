package dev.mosaic.connector.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.connector.Acknowledger;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorCapabilities;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.ConversationProvisioner;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.TextSplitter;
import dev.mosaic.connector.TypingIndicator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Mos on a Matrix homeserver: {@code /sync} long polling for messages and invites, replies as
 * {@code m.notice} with an HTML body, read receipts and reactions as acknowledgements, typing
 * notifications. Unencrypted rooms only.
 *
 * <p>The {@code since} position is stored in {@link ConnectorContext#stateDir()} after each batch
 * has been handed to the consumer, so a restart neither replays nor loses messages.
 */
public final class MatrixConnector implements Connector, Acknowledger, TypingIndicator, ConversationProvisioner {

    /** Matrix has no hard limit below the 64 KiB event size; 16000 chars keeps events readable. */
    static final int MAX_LENGTH = 16_000;
    /** Content budget per event, well under the 65,536-byte event limit (room for ids, signatures, m.relates_to). */
    static final int MAX_EVENT_BYTES = 60 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(MatrixConnector.class);
    private static final Duration TYPING_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final MatrixSettings settings;
    private final ConnectorContext context;
    private final MatrixClient client;
    private final Backoff backoff;
    private final Backoff.Sleeper sleeper;
    private final SinceStore sinceStore;
    private final TextSplitter splitter = new TextSplitter(MAX_LENGTH);
    private volatile boolean running;
    private volatile Thread syncThread;
    private volatile String userId;
    /** Configured and provisioned room ids; read by the sync thread, added to by provision(). */
    private final Set<String> watchedRooms = ConcurrentHashMap.newKeySet();

    /** Creates a connector with the standard backoff; opens no connection. */
    public MatrixConnector(MatrixSettings settings, ConnectorContext context) {
        this(settings, context, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                Backoff.standard(), Backoff.Sleeper.system());
    }

    /** For tests and special setups: an own HTTP client, backoff and way of waiting. */
    public MatrixConnector(MatrixSettings settings, ConnectorContext context, HttpClient http, Backoff backoff,
                           Backoff.Sleeper sleeper) {
        this.settings = settings;
        this.context = context;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.client = new MatrixClient(settings.homeserver(), settings.token(), http, new ObjectMapper(), backoff,
                sleeper);
        this.sinceStore = new SinceStore(context.stateDir());
        this.userId = settings.userId();
    }

    @Override
    public ConnectorCapabilities capabilities() {
        return new ConnectorCapabilities(MAX_LENGTH, true, true);
    }

    @Override
    public void start(Consumer<InboundMessage> inbound) throws ConnectorException {
        context.reportState(ConnectorState.CONNECTING, "connecting to " + settings.homeserver());
        try {
            client.versions();
            authenticate();
            String filterId = client.createFilter(userId, filter());
            watchedRooms.addAll(joinConfiguredRooms());
            SyncProcessor processor = new SyncProcessor(client, userId, settings.localpart(), watchedRooms,
                    Set.copyOf(settings.autoJoinFrom()), inbound);
            String since = sinceStore.load().orElse(null);
            if (since == null) {
                // First start: take the current position; only messages sent after start-up count.
                JsonNode first = client.sync(null, Duration.ZERO, filterId);
                processor.process(first, context.startedAt());
                since = nextBatch(first);
                sinceStore.save(since);
            }
            running = true;
            String from = since;
            Thread t = new Thread(() -> syncLoop(processor, filterId, from), "matrix-sync-" + settings.localpart());
            t.setDaemon(true);
            syncThread = t;
            // Reported before the loop runs, so a failure of its first poll is reported after it.
            context.reportState(ConnectorState.CONNECTED, "syncing as " + userId);
            t.start();
        } catch (ConnectorException e) {
            context.reportState(e.permanent() ? ConnectorState.FAILED : ConnectorState.DEGRADED, e.getMessage());
            throw e;
        }
    }

    private void authenticate() throws ConnectorException {
        if (settings.token() != null) {
            String who = client.whoami();
            if (!who.equals(settings.userId())) {
                throw new ConnectorException("connectors.matrix.token belongs to " + who + ", not to the configured "
                        + "userId " + settings.userId(), true);
            }
        } else {
            userId = client.login(settings.localpart(), settings.password());
        }
    }

    private Set<String> joinConfiguredRooms() throws ConnectorException {
        Set<String> ids = new LinkedHashSet<>();
        for (String room : settings.rooms()) {
            try {
                ids.add(client.join(room));
            } catch (MatrixApiException e) {
                if (e.permanent()) {
                    throw e;
                }
                // Not invited yet (private room): keep watching it; its invite is accepted later.
                LOG.warn("cannot join configured room {} yet: {}", room, e.getMessage());
                ids.add(room);
            }
        }
        return ids;
    }

    private JsonNode filter() {
        ObjectMapper json = client.json();
        ObjectNode f = json.createObjectNode();
        f.putObject("presence").putArray("types");
        f.putObject("account_data").putArray("types");
        ObjectNode room = f.putObject("room");
        room.putObject("timeline").put("limit", 50).putArray("types")
                .add("m.room.message").add("m.room.encrypted").add("m.room.member").add("m.room.encryption");
        room.putObject("state").putArray("types").add("m.room.member").add("m.room.encryption");
        room.putObject("ephemeral").putArray("types");
        room.putObject("account_data").putArray("types");
        return f;
    }

    private void syncLoop(SyncProcessor processor, String filterId, String from) {
        String since = from;
        int failures = 0;
        while (running) {
            try {
                JsonNode batch = client.sync(since, settings.syncTimeout(), filterId);
                if (!running) {
                    return;
                }
                processor.process(batch, null);
                since = nextBatch(batch);
                sinceStore.save(since); // only now: the batch has been handed to the consumer
                if (failures > 0) {
                    context.reportState(ConnectorState.CONNECTED, "syncing as " + userId);
                    failures = 0;
                }
            } catch (ConnectorException e) {
                if (!running) {
                    return;
                }
                if (e.permanent()) {
                    running = false;
                    context.reportState(ConnectorState.FAILED, e.getMessage());
                    return;
                }
                failures++;
                if (failures == 1) {
                    context.reportState(ConnectorState.DEGRADED, e.getMessage());
                }
                Duration wait = e instanceof MatrixApiException api && api.retryAfter() != null
                        ? api.retryAfter() : backoff.delay(failures);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.error("unexpected error in the Matrix sync loop", e);
                failures++;
                if (failures == 1) {
                    context.reportState(ConnectorState.DEGRADED, "sync failed: " + e.getClass().getSimpleName());
                }
                try {
                    sleeper.sleep(backoff.delay(failures));
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private static String nextBatch(JsonNode sync) throws ConnectorException {
        JsonNode nb = sync.get("next_batch");
        if (nb == null || !nb.isTextual() || nb.asText().isEmpty()) {
            throw new ConnectorException("GET /sync answered without next_batch", false);
        }
        return nb.asText();
    }

    @Override
    public void send(OutboundMessage message) throws ConnectorException {
        String roomId = message.conversation().id();
        List<String> parts = new ArrayList<>();
        for (String part : splitter.split(message.text())) {
            fit(part, MAX_LENGTH, parts);
        }
        String base = Txn.base(message.inReplyTo(), message.text());
        for (int i = 0; i < parts.size(); i++) {
            ObjectNode content = MatrixRooms.formatted(client.json(), "m.notice", parts.get(i));
            if (i == 0 && message.inReplyTo() != null) {
                content.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", message.inReplyTo());
            }
            client.send(roomId, "m.room.message", Txn.part(base, i), content);
        }
    }

    /**
     * Adds {@code part} to {@code out}, split further until each piece's event content (body,
     * formatted_body and JSON escaping together) stays under {@link #MAX_EVENT_BYTES}: 16,000
     * box-drawing or CJK characters are 48 KB of UTF-8 before the HTML copy, and a homeserver
     * refuses an event over 64 KiB with 413, which no retry can fix. Deterministic, so a resent
     * message gets the same parts and transaction ids.
     */
    private void fit(String part, int limit, List<String> out) {
        if (limit <= 64 || contentBytes(part) <= MAX_EVENT_BYTES) {
            out.add(part);
            return;
        }
        int smaller = Math.max(64, limit / 2);
        for (String piece : new TextSplitter(smaller).split(part)) {
            fit(piece, smaller, out);
        }
    }

    private int contentBytes(String part) {
        try {
            return client.json().writeValueAsBytes(MatrixRooms.formatted(client.json(), "m.notice", part)).length;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a message part", e);
        }
    }

    @Override
    public void acknowledge(InboundMessage message, Ack ack) throws ConnectorException {
        String roomId = message.conversation().id();
        switch (ack) {
            case DONE -> client.readReceipt(roomId, message.messageId());
            case RECEIVED -> react(roomId, message.messageId(), "\uD83D\uDC40", "received");
            case FAILED -> react(roomId, message.messageId(), "\u274C", "failed");
        }
    }

    private void react(String roomId, String eventId, String key, String kind) throws ConnectorException {
        ObjectNode content = client.json().createObjectNode();
        content.putObject("m.relates_to").put("rel_type", "m.annotation").put("event_id", eventId).put("key", key);
        client.send(roomId, "m.reaction", "mos-ack-" + Txn.hash(eventId) + "-" + kind, content);
    }

    @Override
    public void typing(Conversation conversation) throws ConnectorException {
        client.typing(conversation.id(), userId, TYPING_TIMEOUT);
    }

    /**
     * The room with alias {@code #key:server} (the bot's server), joined or created with
     * {@code inviteUserIds} invited; its messages are delivered from now on. Idempotent, also
     * across restarts, because the alias finds the room again.
     */
    @Override
    public Conversation provision(String key, String displayName, List<String> inviteUserIds)
            throws ConnectorException {
        if (key == null || !key.matches("[a-z0-9][a-z0-9._=-]{0,99}")) {
            throw new ConnectorException("conversation key '" + key + "' is not a valid Matrix alias local part"
                    + " (lower-case letters, digits, . _ = -)", true);
        }
        String server = settings.userId().substring(settings.userId().indexOf(':') + 1);
        String roomId = rooms().joinOrCreate("#" + key + ":" + server, displayName, inviteUserIds);
        watchedRooms.add(roomId);
        return new Conversation("matrix", roomId, null, false);
    }

    /** Room management with this connector's account, for giving each agent its own room. */
    public MatrixRooms rooms() {
        return new MatrixRooms(client);
    }

    @Override
    public void close() {
        boolean wasRunning = running;
        running = false;
        Thread t = syncThread;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                // Wait for a batch in progress to be handled and its position saved: nothing may
                // touch the state directory after close() returns.
                t.join(CLOSE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (wasRunning) {
            context.reportState(ConnectorState.STOPPED, "closed");
        }
    }
}
