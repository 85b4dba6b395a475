package dev.mosaic.mos.web;

import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open Server-Sent-Event streams and who holds each, so an event reaches everyone (fleet
 * changes, audit records) or one person (their chat replies).
 */
final class EventHub {

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    private record Subscriber(SseClient client, String webId) {
    }

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

    void add(SseClient client, String webId) {
        Subscriber s = new Subscriber(client, webId);
        subscribers.add(s);
        client.onClose(() -> subscribers.remove(s));
    }

    int size() {
        return subscribers.size();
    }

    void broadcast(String event, String json) {
        for (Subscriber s : subscribers) {
            send(s, event, json);
        }
    }

    void sendTo(String webId, String event, String json) {
        for (Subscriber s : subscribers) {
            if (s.webId().equals(webId)) {
                send(s, event, json);
            }
        }
    }

    void comment(String text) {
        for (Subscriber s : subscribers) {
            try {
                s.client().sendComment(text);
            } catch (RuntimeException e) {
                subscribers.remove(s);
            }
        }
    }

    void closeAll() {
        for (Subscriber s : subscribers) {
            try {
                s.client().close();
            } catch (RuntimeException e) {
                LOG.debug("closing an event stream failed: {}", e.getMessage());
            }
        }
        subscribers.clear();
    }

    private void send(Subscriber s, String event, String json) {
        if (s.client().terminated()) {
            subscribers.remove(s);
            return;
        }
        try {
            s.client().sendEvent(event, json);
        } catch (RuntimeException e) {
            // a browser tab that went away; its stream is dropped, the others go on
            subscribers.remove(s);
        }
    }
}
