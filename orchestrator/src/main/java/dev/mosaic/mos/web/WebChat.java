package dev.mosaic.mos.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorCapabilities;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.Sender;
import dev.mosaic.mos.service.InboundSink;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The built-in local chat connector (platform {@code web}): the page's chat panel speaks the same
 * command language as Discord or Matrix, with no chat platform configured. Each person has one
 * direct conversation, {@code web:<web id>}. A message is handed to the service's inbound
 * consumer (the same ChatRouter every connector feeds); replies given while it is handled come
 * back in the POST response, later ones (the orchestrator agent's {@code mos say}) as
 * {@code chat} Server-Sent Events to that person's open pages.
 */
final class WebChat implements Connector {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long the POST waits for its replies; later ones arrive as events (an agent's answer always does). */
    private static final Duration REPLY_WAIT = Duration.ofSeconds(30);

    private final EventHub hub;
    private final Clock clock;
    private final Map<String, List<String>> pending = new ConcurrentHashMap<>();
    private volatile Consumer<InboundMessage> inbound;

    WebChat(EventHub hub, Clock clock) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ConnectorCapabilities capabilities() {
        return new ConnectorCapabilities(100_000, true, true);
    }

    @Override
    public void start(Consumer<InboundMessage> consumer) {
        this.inbound = Objects.requireNonNull(consumer, "consumer");
    }

    boolean started() {
        return inbound != null;
    }

    /**
     * Hands one line from {@code caller}'s chat panel to the router and returns the replies it
     * produced while handling it (possibly none, e.g. free text for the orchestrator agent).
     */
    List<String> say(Caller caller, String text) {
        Consumer<InboundMessage> c = inbound;
        if (c == null) {
            throw new WebException(503, "chat_unavailable", "chat is not connected to Mos in this server");
        }
        String id = "web-" + UUID.randomUUID();
        List<String> replies = new ArrayList<>();
        pending.put(id, replies);
        InboundMessage m = new InboundMessage(id, conversation(caller.webId()),
                new Sender(WebAuth.PLATFORM, caller.webId(), caller.principal().name(), false), text,
                clock.instant(), Addressing.DIRECT);
        try {
            if (c instanceof InboundSink sink) {
                // the service queues it on this person's conversation; the POST answers once it was handled
                await(sink.submit(m));
            } else {
                c.accept(m);
            }
        } finally {
            pending.remove(id);
        }
        synchronized (replies) {
            return List.copyOf(replies);
        }
    }

    private static void await(CompletableFuture<Void> handled) {
        try {
            handled.get(REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // replies that come later reach the page as chat events
        }
    }

    @Override
    public void send(OutboundMessage message) {
        List<String> waiting = message.inReplyTo() == null ? null : pending.get(message.inReplyTo());
        if (waiting != null) {
            synchronized (waiting) {
                waiting.add(message.text());
            }
            return;
        }
        ObjectNode ev = JSON.createObjectNode();
        ev.put("from", "mos");
        ev.put("text", message.text());
        ev.put("time", clock.instant().toString());
        hub.sendTo(message.conversation().id(), "chat", ev.toString());
    }

    static Conversation conversation(String webId) {
        return new Conversation(WebAuth.PLATFORM, webId, null, true);
    }

    @Override
    public void close() {
        inbound = null;
    }
}
