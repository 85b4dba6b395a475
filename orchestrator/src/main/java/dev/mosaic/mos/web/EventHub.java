package dev.mosaic.mos.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open Server-Sent-Event streams and who holds each, so an event reaches everyone (fleet
 * changes, audit records) or one person (their chat replies). Each stream keeps the check that
 * admitted it; {@link #revalidate} (run twice a second) ends, with a {@code revoked} event, every
 * stream whose token, session or principal no longer holds.
 */
final class EventHub {

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Subscriber(SseClient client, String webId, Runnable stillAllowed) {
    }

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

    /** @param stillAllowed throws when the stream's holder lost access (token revoked, principal removed) */
    void add(SseClient client, String webId, Runnable stillAllowed) {
        Subscriber s = new Subscriber(client, webId, stillAllowed);
        subscribers.add(s);
        client.onClose(() -> subscribers.remove(s));
    }

    /** Closes every stream whose holder lost access, telling the page why in a {@code revoked} event. */
    void revalidate() {
        for (Subscriber s : subscribers) {
            try {
                s.stillAllowed().run();
            } catch (RuntimeException e) {
                subscribers.remove(s);
                LOG.info("closing the event stream of web:{}: {}", s.webId(), e.getMessage());
                try {
                    s.client().sendEvent("revoked", "{\"message\":" + quote(e.getMessage()) + "}");
                    s.client().close();
                } catch (RuntimeException gone) {
                    LOG.debug("closing an event stream failed: {}", gone.getMessage());
                }
            }
        }
    }

    private static String quote(String s) {
        return JSON.getNodeFactory().textNode(s == null ? "" : s).toString();
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
