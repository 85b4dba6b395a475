package dev.mosaic.connector.slack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the connector must remember between an inbound message and its reply: the
 * {@code response_url} of a slash command (the reply goes there), the message a button was pressed
 * on (updated once the press is acted on), and the threads Mos has posted in (talking there is
 * talking to Mos). All bounded; the oldest entries go first.
 */
final class Interactions {

    /** A button press: where its message is, what it said, which button, and who pressed. */
    record Press(String channel, String messageTs, String text, String label, String userId) {
    }

    private final Map<String, String> responseUrls = bounded(1024);
    private final Map<String, Press> presses = bounded(1024);
    private final Map<String, Boolean> threads = bounded(4096);

    synchronized void responseUrl(String messageId, String url) {
        if (url != null && !url.isBlank()) {
            responseUrls.put(messageId, url);
        }
    }

    /** The response_url for a reply to {@code messageId}, if it was a slash command. */
    synchronized Optional<String> responseUrlFor(String messageId) {
        return messageId == null ? Optional.empty() : Optional.ofNullable(responseUrls.get(messageId));
    }

    synchronized void forgetResponseUrl(String messageId) {
        responseUrls.remove(messageId);
    }

    synchronized void pressed(String messageId, Press press) {
        presses.put(messageId, press);
    }

    /** The press {@code messageId} stands for, removed so its message is updated once. */
    synchronized Optional<Press> claimPress(String messageId) {
        return Optional.ofNullable(presses.remove(messageId));
    }

    synchronized void mosPostedIn(String channel, String threadTs) {
        if (threadTs != null) {
            threads.put(channel + "/" + threadTs, Boolean.TRUE);
        }
    }

    synchronized boolean isMosThread(String channel, String threadTs) {
        return threads.containsKey(channel + "/" + threadTs);
    }

    private static <V> Map<String, V> bounded(int capacity) {
        return new LinkedHashMap<>(64, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
