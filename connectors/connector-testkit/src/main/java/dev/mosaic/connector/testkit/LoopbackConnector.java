package dev.mosaic.connector.testkit;

import dev.mosaic.connector.Acknowledger;
import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorCapabilities;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.connector.ConversationProvisioner;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.Sender;
import dev.mosaic.connector.TextSplitter;
import dev.mosaic.connector.TypingIndicator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An in-memory chat platform and its connector in one object, for tests of the service.
 *
 * <p>The test plays the people ({@link #say}) and reads what Mos posted ({@link #replies()},
 * {@link #sent()}, {@link #awaitReply()}). Like a real platform it echoes the bot's own posts into
 * the conversation, and the connector filters them out, so "Mos never reacts to itself" is
 * exercised. It can drop its connection and reconnect by itself ({@link #dropConnection()}),
 * redeliver a message with the same id ({@link #redeliver(String)}), and it records
 * acknowledgements and typing notices, and provisions conversations (one per key, like Matrix
 * rooms per agent) recording who was invited.
 *
 * <p>Messages said while disconnected (or before {@link #start}) are queued and delivered, in
 * order, once connected. Messages sent before {@link ConnectorContext#startedAt()} are history
 * and are never delivered.
 */
public final class LoopbackConnector implements Connector, Acknowledger, TypingIndicator, ConversationProvisioner {

    /** The platform user id of the bot itself. */
    public static final String BOT_ID = "mos-bot";

    /** A conversation created through {@link #provision}, with who was invited. */
    public record Provisioned(Conversation conversation, String displayName, List<String> invited) {
    }

    /** One acknowledgement Mos put on a message. */
    public record AckRecord(String messageId, Ack ack) {
    }

    private final String platform;
    private final ConnectorCapabilities capabilities;
    private final ConnectorContext context;
    private final Duration reconnectDelay;
    private final TextSplitter splitter;

    private final Object lock = new Object();
    private final List<InboundMessage> history = new CopyOnWriteArrayList<>();
    private final Deque<InboundMessage> pending = new ArrayDeque<>();
    private final List<OutboundMessage> sentParts = new CopyOnWriteArrayList<>();
    private final List<OutboundMessage> replies = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<OutboundMessage> unread = new LinkedBlockingQueue<>();
    private final List<AckRecord> acks = new CopyOnWriteArrayList<>();
    private final List<Conversation> typing = new CopyOnWriteArrayList<>();
    private final Map<String, Provisioned> provisioned = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledExecutorService executor;

    private Consumer<InboundMessage> inbound;
    private boolean connected;
    private boolean closed;
    private int reconnects;

    /**
     * @param platform the platform name put on conversations and senders, e.g. {@code "loopback"}
     * @param capabilities what the fake platform renders and its message length limit
     * @param context the service context (clock, start time, state reports)
     * @param reconnectDelay how long a dropped connection stays down before it reconnects itself
     */
    public LoopbackConnector(String platform, ConnectorCapabilities capabilities, ConnectorContext context,
                             Duration reconnectDelay) {
        this.platform = Objects.requireNonNull(platform, "platform");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.context = Objects.requireNonNull(context, "context");
        this.reconnectDelay = Objects.requireNonNull(reconnectDelay, "reconnectDelay");
        this.splitter = new TextSplitter(capabilities.maxMessageLength());
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "loopback-" + platform);
            t.setDaemon(true);
            return t;
        });
    }

    /** A loopback platform named "loopback" with a 2000-char limit, code blocks and Markdown. */
    public LoopbackConnector(ConnectorContext context) {
        this("loopback", new ConnectorCapabilities(2000, true, true), context, Duration.ofMillis(100));
    }

    // ---- Connector ------------------------------------------------------------------------

    @Override
    public ConnectorCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public void start(Consumer<InboundMessage> inbound) throws ConnectorException {
        Objects.requireNonNull(inbound, "inbound");
        synchronized (lock) {
            if (closed) {
                throw new ConnectorException("loopback connector is closed", true);
            }
            if (this.inbound != null) {
                throw new IllegalStateException("loopback connector already started");
            }
            this.inbound = inbound;
            connect();
        }
    }

    @Override
    public void send(OutboundMessage message) throws ConnectorException {
        Objects.requireNonNull(message, "message");
        synchronized (lock) {
            if (closed) {
                throw new ConnectorException("loopback connector is closed", true);
            }
        }
        for (String part : splitter.split(message.text())) {
            OutboundMessage posted = new OutboundMessage(message.conversation(), part, message.inReplyTo());
            sentParts.add(posted);
            // A real platform shows the bot its own posts too; the connector must drop them.
            publish(new InboundMessage("bot-" + ids.incrementAndGet(), message.conversation(),
                    new Sender(platform, BOT_ID, "Mos", true), part, context.clock().instant(), Addressing.NONE));
        }
        replies.add(message);
        unread.add(message);
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            connected = false;
            pending.clear();
        }
        executor.shutdownNow();
        context.reportState(ConnectorState.STOPPED, "closed");
    }

    @Override
    public void acknowledge(InboundMessage message, Ack ack) {
        acks.add(new AckRecord(message.messageId(), ack));
    }

    @Override
    public void typing(Conversation conversation) {
        typing.add(conversation);
    }

    /** Idempotent: the same key gives the same conversation; later invitees are added. */
    @Override
    public Conversation provision(String key, String displayName, List<String> inviteUserIds) throws ConnectorException {
        Objects.requireNonNull(key, "key");
        if (!key.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new ConnectorException("conversation key must be lower-case letters, digits, '-' or '_', was '"
                    + key + "'", true);
        }
        Provisioned p = provisioned.compute(key, (k, old) -> {
            List<String> invited = new ArrayList<>(old == null ? List.of() : old.invited());
            inviteUserIds.stream().filter(id -> !invited.contains(id)).forEach(invited::add);
            return new Provisioned(channel(k), displayName, List.copyOf(invited));
        });
        return p.conversation();
    }

    /** The conversations provisioned so far, by key. */
    public Map<String, Provisioned> provisioned() {
        return Map.copyOf(provisioned);
    }

    // ---- the platform side, driven by the test --------------------------------------------

    /** A person on this platform with the given immutable id. */
    public Sender user(String id) {
        return new Sender(platform, id, id, false);
    }

    /** A channel / room on this platform. */
    public Conversation channel(String id) {
        return Conversation.of(platform, id);
    }

    /** A direct-message conversation with the bot. */
    public Conversation dm(String id) {
        return new Conversation(platform, id, null, true);
    }

    /**
     * Posts {@code text} as {@code sender} in {@code conversation} with a fresh message id, sent
     * now. Addressing is {@link Addressing#DIRECT} in a DM, {@link Addressing#NONE} elsewhere.
     *
     * @return the message as the platform recorded it
     */
    public InboundMessage say(Sender sender, Conversation conversation, String text) {
        InboundMessage m = new InboundMessage("m-" + ids.incrementAndGet(), conversation, sender, text,
                context.clock().instant(), conversation.direct() ? Addressing.DIRECT : Addressing.NONE);
        return say(m);
    }

    /** Posts a fully specified message (any id, addressing or time). */
    public InboundMessage say(InboundMessage message) {
        publish(Objects.requireNonNull(message, "message"));
        return message;
    }

    /** Delivers an already posted message again, with the same id, as platforms do after a reconnect. */
    public void redeliver(String messageId) {
        InboundMessage m = history.stream().filter(h -> h.messageId().equals(messageId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no message with id '" + messageId + "' was posted"));
        deliver(m);
    }

    /**
     * Drops the connection. Messages said meanwhile are queued; after the reconnect delay the
     * connector reconnects by itself and delivers them.
     */
    public void dropConnection() {
        synchronized (lock) {
            if (closed || !connected) {
                return;
            }
            connected = false;
        }
        context.reportState(ConnectorState.DEGRADED, "connection dropped");
        executor.schedule(() -> {
            synchronized (lock) {
                if (!closed) {
                    reconnects++;
                    connect();
                }
            }
        }, reconnectDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the connector is currently connected. */
    public boolean isConnected() {
        synchronized (lock) {
            return connected;
        }
    }

    /** How many times it reconnected after {@link #dropConnection()}. */
    public int reconnects() {
        synchronized (lock) {
            return reconnects;
        }
    }

    /** Every message Mos sent, whole (before splitting), oldest first. */
    public List<OutboundMessage> replies() {
        return List.copyOf(replies);
    }

    /** How many whole messages Mos has sent so far; cheap enough to poll in a tight loop. */
    public int replyCount() {
        return replies.size();
    }

    /** Every platform message Mos posted (the parts after splitting), oldest first. */
    public List<OutboundMessage> sent() {
        return List.copyOf(sentParts);
    }

    /** The texts of the parts posted in one conversation, oldest first. */
    public List<String> sentTexts(String conversationId) {
        return sentParts.stream().filter(m -> m.conversation().id().equals(conversationId))
                .map(OutboundMessage::text).toList();
    }

    /** Waits up to 5 seconds for the next reply not yet returned by an await method. */
    public OutboundMessage awaitReply() {
        return awaitReply(Duration.ofSeconds(5));
    }

    /** Waits up to {@code timeout} for the next reply not yet returned; fails the test if none comes. */
    public OutboundMessage awaitReply(Duration timeout) {
        try {
            OutboundMessage m = unread.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (m == null) {
                throw new AssertionError("Mos sent no reply within " + timeout + "; replies so far: " + replyTexts());
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a reply", e);
        }
    }

    /** The next unread reply if one is already there. */
    public Optional<OutboundMessage> pollReply() {
        return Optional.ofNullable(unread.poll());
    }

    /** The texts of every whole reply, oldest first. */
    public List<String> replyTexts() {
        return replies.stream().map(OutboundMessage::text).toList();
    }

    /** The acknowledgements Mos put on messages, oldest first. */
    public List<AckRecord> acks() {
        return List.copyOf(acks);
    }

    /** The conversations Mos showed "typing" in, oldest first. */
    public List<Conversation> typingNotices() {
        return List.copyOf(typing);
    }

    /** Everything posted on the fake platform, including the bot's own posts. */
    public List<InboundMessage> history() {
        return new ArrayList<>(history);
    }

    // ---- internals ------------------------------------------------------------------------

    private void publish(InboundMessage m) {
        history.add(m);
        deliver(m);
    }

    private void deliver(InboundMessage m) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (!connected) {
                pending.add(m);
                return;
            }
            dispatchLater(m);
        }
    }

    /** Called with {@link #lock} held. */
    private void connect() {
        context.reportState(ConnectorState.CONNECTING, "connecting");
        connected = true;
        while (!pending.isEmpty()) {
            dispatchLater(pending.poll());
        }
        context.reportState(ConnectorState.CONNECTED, "connected");
    }

    /** Called with {@link #lock} held; one delivery thread keeps platform order. */
    private void dispatchLater(InboundMessage m) {
        Consumer<InboundMessage> sink = inbound;
        executor.execute(() -> {
            if (m.sender().id().equals(BOT_ID)) {
                return; // the bot's own post
            }
            if (m.sentBefore(context.startedAt())) {
                return; // history from before the service started
            }
            synchronized (lock) {
                if (closed) {
                    return;
                }
            }
            sink.accept(m);
        });
    }
}
