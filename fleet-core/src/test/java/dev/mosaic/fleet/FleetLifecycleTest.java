package dev.mosaic.fleet;

import static dev.mosaic.fleet.FleetFixture.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mosaic.fleet.heartbeat.Health;
import dev.mosaic.fleet.ps.AgentState;
import dev.mosaic.fleet.ps.AgentStatus;
import dev.mosaic.fleet.ps.StartReport;
import dev.mosaic.fleet.ps.StopReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetLifecycleTest {

    @TempDir
    Path home;

    FleetFixture fx;

    @AfterEach
    void cleanup() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void startWithNoNamesStartsEveryRosterAgentAndIsIdempotent() {
        fx = new FleetFixture(home, 1, List.of(agent("coder-1"), agent("coder-2")));
        StartReport first = fx.fleet.start(List.of());
        assertThat(first.started()).containsExactly("mos", "coder-1", "coder-2");
        assertThat(first.failed()).isEmpty();
        assertThat(fx.sessions()).containsExactly("coder-1", "coder-2", "mos");

        StartReport second = fx.fleet.start(List.of());
        assertThat(second.started()).isEmpty();
        assertThat(second.alreadyRunning()).containsExactly("mos", "coder-1", "coder-2");
        assertThat(fx.fleet.ps().agents()).extracting(AgentStatus::state).containsOnly(AgentState.RUNNING);
    }

    @Test
    void psReportsStoppedRunningAndUnmanagedSessionsAsDrift() {
        fx = new FleetFixture(home, 1, List.of(agent("coder-1"), agent("coder-2")));
        fx.fleet.start(List.of("coder-1"));
        fx.tmux("new-session", "-d", "-s", "stray", "cat");

        var snap = fx.fleet.ps();
        assertThat(snap.agent("coder-1").orElseThrow().state()).isEqualTo(AgentState.RUNNING);
        assertThat(snap.agent("coder-1").orElseThrow().pid()).isPositive();
        assertThat(snap.agent("coder-2").orElseThrow().state()).isEqualTo(AgentState.STOPPED);
        assertThat(snap.agent("mos").orElseThrow().state()).isEqualTo(AgentState.STOPPED);
        AgentStatus stray = snap.agent("stray").orElseThrow();
        assertThat(stray.state()).isEqualTo(AgentState.MISSING);
        assertThat(stray.managed()).isFalse();

        StartReport report = fx.fleet.start(List.of());
        assertThat(report.drift()).containsExactly("stray");
        assertThat(report.alreadyRunning()).containsExactly("coder-1");
        StopReport stop = fx.fleet.stop(List.of());
        assertThat(stop.stopped()).containsExactlyInAnyOrder("mos", "coder-1", "coder-2");
        assertThat(stop.drift()).containsExactly("stray");
        assertThat(fx.sessions()).containsExactly("stray");
    }

    @Test
    void psWithoutAnyTmuxServerShowsEverythingStopped() {
        fx = new FleetFixture(home, 1, List.of(agent("coder-1")));
        assertThat(fx.fleet.ps().agents()).extracting(AgentStatus::state).containsOnly(AgentState.STOPPED);
    }

    @Test
    void aNativeBeatKeepsItsStatusWhileTheSidecarKeepsTheAgentFresh() {
        fx = new FleetFixture(home, 1, List.of(agent("coder-1")));
        fx.fleet.start(List.of("coder-1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> fx.fleet.status("coder-1").heartbeat().health() == Health.HEALTHY);
        long pid = fx.fleet.status("coder-1").pid();

        // what a runtime's hook runs: mosaic fleet heartbeat coder-1 --status thinking --activity working
        fx.fleet.heartbeats().write("coder-1", pid, "thinking", "working");
        java.time.Instant nativeTs = fx.fleet.status("coder-1").heartbeat().ts();

        // the sidecar beats again (every second here): a newer ts, the hook's status and activity kept
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var hb = fx.fleet.status("coder-1").heartbeat();
            assertThat(hb.ts()).isAfter(nativeTs);
            assertThat(hb.status()).isEqualTo("thinking");
            assertThat(hb.activity()).isEqualTo("working");
            assertThat(hb.health()).isEqualTo(Health.HEALTHY);
        });
    }

    @Test
    void killedProcessShowsCrashedAndItsHeartbeatGoesStale() {
        fx = new FleetFixture(home, 1, List.of(agent("coder-1")));
        fx.fleet.start(List.of("coder-1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> fx.fleet.status("coder-1").heartbeat().health() == Health.HEALTHY);
        AgentStatus running = fx.fleet.status("coder-1");
        assertThat(running.heartbeat().pid()).isEqualTo(running.pid());
        assertThat(running.heartbeat().status()).isEqualTo("running");

        ProcessHandle.of(running.pid()).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(5)).until(() -> fx.fleet.status("coder-1").state() == AgentState.CRASHED);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> fx.fleet.status("coder-1").heartbeat().health() == Health.STALE);
        // stale means older than 3 x interval (1 s here): the sidecar stopped with the process
        assertThat(fx.fleet.status("coder-1").heartbeat().age()).isGreaterThan(Duration.ofSeconds(3));
        assertThatThrownBy(() -> fx.fleet.send("coder-1", "hello")).hasMessageContaining("crashed");

        StartReport again = fx.fleet.start(List.of());
        assertThat(again.started()).contains("coder-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> fx.fleet.status("coder-1").state() == AgentState.RUNNING);
    }

    @Test
    void missingRuntimeBinaryAndUnknownAgentAreClearFailures() {
        fx = new FleetFixture(home, 1, List.of(agent("ghost", "no-such-binary-xyz --flag")));
        StartReport report = fx.fleet.start(List.of("ghost"));
        assertThat(report.started()).isEmpty();
        assertThat(report.failed()).containsOnlyKeys("ghost");
        assertThat(report.failed().get("ghost")).contains("no-such-binary-xyz").contains("not on PATH");

        assertThatThrownBy(() -> fx.fleet.start(List.of("nobody"))).isInstanceOf(FleetException.class)
                .hasMessageContaining("'nobody' is not in the roster");
        assertThatThrownBy(() -> fx.fleet.status("Bad Name!")).isInstanceOf(FleetException.class)
                .hasMessageContaining("'Bad Name!' is invalid");
        assertThatThrownBy(() -> fx.fleet.send("mos", "hi")).isInstanceOf(FleetException.class)
                .hasMessageContaining("'mos' is not running");
    }

    @Test
    void unwritableRunDirIsAClearFailure() throws Exception {
        Files.createDirectories(home.resolve("fleet"));
        Files.writeString(home.resolve("fleet/run"), "a file where the run dir should be");
        fx = new FleetFixture(home, 1, List.of());
        assertThatThrownBy(() -> fx.fleet.start(List.of())).isInstanceOf(FleetException.class)
                .hasMessageContaining("run dir");
    }

    @Test
    void agentGetsItsEnvironmentWorkdirAndLauncher() throws Exception {
        Path work = Files.createDirectories(home.resolve("work"));
        var spec = new dev.mosaic.fleet.roster.AgentSpec("envy", "coder", "shell", work.toString(), null,
                "sh -c \"pwd; echo VAR=$MY_VAR AGENT=$MOSAIC_AGENT_NAME SOCK=$MOSAIC_TMUX_SOCKET; exec cat\"",
                Map.of("MY_VAR", "x y;"));
        fx = new FleetFixture(home, 1, List.of(spec));
        fx.fleet.start(List.of("envy"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(fx.fleet.capture("envy", 20, false))
                .contains(work.toString()).contains("VAR=x y; AGENT=envy SOCK=" + fx.socket));
        Path launcher = home.resolve("fleet/bin/mosaic-agent-launch");
        assertThat(Files.getPosixFilePermissions(launcher)).hasSize(7);
        assertThat(Files.readString(launcher)).contains("exec \"$@\"");
    }

    @Test
    void watchRemovesItsViewerSessionEvenWhenAttachFails() {
        fx = new FleetFixture(home, 1, List.of(agent("coder-1")));
        fx.fleet.start(List.of("coder-1"));
        // no terminal under the test runner: tmux attach fails, the viewer must still be gone
        int code = fx.fleet.watch("coder-1");
        assertThat(code).isNotZero();
        assertThat(fx.sessions()).containsExactly("coder-1");
        assertThat(fx.fleet.ps().agents()).extracting(AgentStatus::name).containsExactly("mos", "coder-1");
        assertThatThrownBy(() -> fx.fleet.watch("mos")).hasMessageContaining("'mos' is not running");
    }

    @Test
    void closingTheFleetRemovesTheHiddenControlSession() {
        fx = new FleetFixture(home, 1, List.of(agent("coder-1")), true);
        fx.fleet.start(List.of("coder-1"));
        assertThat(fx.fleet.send("coder-1", "via control mode").delivered()).isTrue();
        assertThat(fx.tmux("list-sessions", "-F", "#{session_name}")).contains("_mosaic-ctl");
        fx.fleet.close();
        assertThat(fx.tmux("list-sessions", "-F", "#{session_name}").strip()).isEqualTo("coder-1");
    }
}
