package dev.mosaic.fleet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.fleet.FleetException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Automated sends wait while a person types, and give up clearly when the person never pauses. */
class TypingLeaseTest {

    @Test
    void aSendWithNobodyTypingGoesAtOnce() {
        TypingLease lease = new TypingLease(Duration.ofSeconds(2), Duration.ofSeconds(5));
        long t0 = System.nanoTime();
        lease.awaitQuiet("coder-1");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        assertThat(lease.held("coder-1")).isFalse();
    }

    @Test
    void aSendWaitsUntilThePersonPausesAndOnlyForThatAgent() {
        TypingLease lease = new TypingLease(Duration.ofMillis(400), Duration.ofSeconds(10));
        lease.humanTyped("coder-1");
        assertThat(lease.held("coder-1")).isTrue();
        assertThat(lease.held("coder-2")).isFalse();
        lease.awaitQuiet("coder-2"); // another agent is not held
        lease.awaitQuiet("coder-1");
        // it returned only once the lease had run out
        assertThat(lease.held("coder-1")).isFalse();
    }

    @Test
    void eachKeystrokeRenewsTheLeaseAndAPersonWhoNeverPausesMakesTheSendFail() {
        TypingLease lease = new TypingLease(Duration.ofMillis(500), Duration.ofMillis(800));
        AtomicBoolean typing = new AtomicBoolean(true);
        lease.humanTyped("coder-1");
        CompletableFuture<Void> person = CompletableFuture.runAsync(() -> {
            while (typing.get()) {
                lease.humanTyped("coder-1");
                Thread.onSpinWait();
            }
        });
        try {
            assertThatThrownBy(() -> lease.awaitQuiet("coder-1"))
                    .isInstanceOf(FleetException.class)
                    .hasMessageContaining("'coder-1' is being typed into by a person");
        } finally {
            typing.set(false);
            person.join();
        }
    }
}
