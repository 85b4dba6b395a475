package dev.mosaic.mos.service;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Order within a conversation, independence between conversations. */
class ConversationExecutorTest {

    @Test
    void keepsOrderWithinAConversationAndNeverHoldsAnother() throws Exception {
        try (ConversationExecutor executor = new ConversationExecutor()) {
            CountDownLatch slow = new CountDownLatch(1);
            List<String> ran = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> a1 = executor.submit("a", () -> {
                await(slow);
                ran.add("a1");
            });
            CompletableFuture<Void> a2 = executor.submit("a", () -> ran.add("a2"));
            CompletableFuture<Void> b1 = executor.submit("b", () -> ran.add("b1"));

            b1.get(5, TimeUnit.SECONDS);
            assertThat(ran).as("b ran while a's first task was still busy").containsExactly("b1");
            assertThat(a2).as("a's second task waits for its first").isNotDone();

            slow.countDown();
            a2.get(5, TimeUnit.SECONDS);
            assertThat(a1).isDone();
            assertThat(ran).containsExactly("b1", "a1", "a2");
        }
    }

    @Test
    void aFailingTaskDoesNotStopItsConversation() throws Exception {
        try (ConversationExecutor executor = new ConversationExecutor()) {
            CompletableFuture<Void> bad = executor.submit("a", () -> {
                throw new IllegalStateException("boom");
            });
            CompletableFuture<Void> next = executor.submit("a", () -> { });
            next.get(5, TimeUnit.SECONDS);
            assertThat(bad).isCompletedExceptionally();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
