package dev.mosaic.mos.service;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs inbound messages one conversation at a time, many conversations at once: tasks with the
 * same key run in submission order, one after the other; tasks of different keys never wait for
 * each other. The connector's own thread (JDA's event thread, the Matrix sync loop) only queues,
 * so a {@code send} that waits 15 s for a person typing holds nothing but its own conversation.
 */
final class ConversationExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationExecutor.class);

    private final ExecutorService pool;
    /** Per key, the tasks not yet finished; the head is running. Guarded by {@code this}. */
    private final Map<String, ArrayDeque<Runnable>> queues = new HashMap<>();
    /** Set by {@link #drain}: no new message is taken. Guarded by {@code this}. */
    private boolean draining;

    ConversationExecutor() {
        AtomicInteger n = new AtomicInteger();
        // a thread per busy conversation: idle ones end after a minute
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mos-conversation-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues {@code task} behind the earlier tasks of {@code key}; the future ends when it ran. */
    CompletableFuture<Void> submit(String key, Runnable task) {
        Objects.requireNonNull(key, "key");
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable wrapped = () -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException | Error e) {
                LOG.warn("handling a message in {} failed", key, e);
                done.completeExceptionally(e);
            }
        };
        boolean first;
        synchronized (this) {
            if (draining) {
                done.completeExceptionally(new RejectedExecutionException("Mos is stopping"));
                return done;
            }
            ArrayDeque<Runnable> q = queues.computeIfAbsent(key, k -> new ArrayDeque<>());
            q.add(wrapped);
            first = q.size() == 1;
        }
        if (first) {
            try {
                pool.execute(() -> drain(key));
            } catch (RejectedExecutionException closing) {
                synchronized (this) {
                    queues.remove(key);
                }
                done.completeExceptionally(closing);
            }
        }
        return done;
    }

    private void drain(String key) {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queues.get(key).peek();
            }
            next.run();
            synchronized (this) {
                ArrayDeque<Runnable> q = queues.get(key);
                q.poll();
                if (q.isEmpty()) {
                    queues.remove(key);
                    return;
                }
            }
        }
    }

    /**
     * Stops taking messages and waits up to {@code limit} for those already taken (running or
     * queued) to be handled and answered.
     *
     * @return true when all were; false when some were still running at the limit (they are cut
     *     off by {@link #close}, and reported after the restart from the in-flight journal)
     */
    boolean drain(java.time.Duration limit) {
        synchronized (this) {
            draining = true;
        }
        pool.shutdown();
        try {
            return pool.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
