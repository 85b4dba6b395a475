package dev.mosaic.fleet.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.fleet.FleetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hold an update puts on an agent's sends, across processes, and its stale case. */
class UpdateGateTest {

    @TempDir
    Path run;

    @Test
    void aHeldAgentsSendWaitsUntilReleased() throws Exception {
        UpdateGate gate = new UpdateGate(run);
        gate.hold("pi-1");
        assertThat(gate.held("pi-1")).isTrue();
        assertThat(gate.held("pi-2")).isFalse();
        CompletableFuture<Void> send = CompletableFuture.runAsync(() -> gate.await("pi-1", Duration.ofSeconds(30)));
        assertThat(send).isNotDone();
        gate.release("pi-1");
        send.get(10, TimeUnit.SECONDS);
        assertThat(Files.exists(run.resolve("pi-1.updating"))).isFalse();
    }

    @Test
    void aMarkerWhoseUpdaterDiedIsStaleAndAHoldThatOutlastsTheWaitIsAnError() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(run.resolve("pi-1.updating"), dead.pid() + "\n");
        UpdateGate gate = new UpdateGate(run);
        assertThat(gate.held("pi-1")).isFalse();
        assertThat(Files.exists(run.resolve("pi-1.updating"))).isFalse();
        gate.hold("pi-2");
        assertThatThrownBy(() -> gate.await("pi-2", Duration.ofMillis(300))).isInstanceOf(FleetException.class)
                .hasMessageContaining("'pi-2' is still being updated");
    }
}
