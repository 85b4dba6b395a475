package dev.mosaic.connector.telegram.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Bot API's pending updates and its {@code getUpdates} long poll: an update stays until a
 * later poll's {@code offset} confirms it; a poll with nothing to return waits up to its
 * {@code timeout}; a newer poll ends the waiting one with {@code 409 Conflict}, as Telegram does.
 */
final class UpdateQueue {

    /** What a poll came to. */
    sealed interface Outcome {
        record Updates(List<ObjectNode> updates) implements Outcome {
        }

        /** Another getUpdates took over. */
        record Superseded() implements Outcome {
        }

        /** The fake dropped the connection. */
        record Dropped() implements Outcome {
        }
    }

    private final List<ObjectNode> pending = new ArrayList<>();
    private int nextId = 1000;
    private long pollSeq;
    private long dropEpoch;

    synchronized int add(String type, ObjectNode payload, ObjectNode update) {
        int id = nextId++;
        update.put("update_id", id);
        update.set(type, payload);
        pending.add(update);
        notifyAll();
        return id;
    }

    synchronized void drop() {
        dropEpoch++;
        notifyAll();
    }

    synchronized Outcome poll(long offset, int limit, long timeoutMs, Set<String> allowed) throws InterruptedException {
        long me = ++pollSeq;
        long epoch = dropEpoch;
        notifyAll(); // an older waiting poll learns it was superseded
        pending.removeIf(u -> u.get("update_id").asLong() < offset);
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            if (pollSeq != me) {
                return new Outcome.Superseded();
            }
            if (dropEpoch != epoch) {
                return new Outcome.Dropped();
            }
            List<ObjectNode> out = new ArrayList<>();
            for (ObjectNode u : pending) {
                if (u.get("update_id").asLong() >= offset && (allowed.isEmpty()
                        || allowed.stream().anyMatch(u::has)) && out.size() < limit) {
                    out.add(u);
                }
            }
            long left = deadline - System.currentTimeMillis();
            if (!out.isEmpty() || left <= 0) {
                return new Outcome.Updates(out);
            }
            wait(left);
        }
    }
}
