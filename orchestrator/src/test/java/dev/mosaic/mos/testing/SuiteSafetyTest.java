package dev.mosaic.mos.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.fleet.tmux.Tmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite cannot touch a real fleet: a test that forgets its private socket fails loudly instead. */
class SuiteSafetyTest {

    @TempDir
    Path home;

    @Test
    void aCliRunWithoutMosaicTmuxSocketIsRefusedTheProductionSocket() throws Exception {
        Files.createDirectories(home.resolve("fleet"));
        Files.writeString(home.resolve("fleet/roster.yaml"), """
                version: 1
                fleet: { name: forgetful, type: coding }
                orchestrator: { name: mos, runtime: shell, command: cat }
                agents:
                  - { name: coder-1, role: coder, runtime: shell, command: cat }
                """);
        // inHome builds its environment from scratch: no MOSAIC_TMUX_SOCKET, so the default would apply
        for (String[] verb : new String[][] {{"fleet", "start"}, {"fleet", "agent", "send", "coder-1", "hi"},
                {"fleet", "agent", "tail", "coder-1"}}) {
            CliRun run = CliRun.inHome(home, verb);
            assertThat(run.code()).as(String.join(" ", verb)).isEqualTo(1);
            assertThat(run.err()).contains("must never reach the production tmux socket '" + Tmux.PRODUCTION_SOCKET + "'")
                    .contains("MOSAIC_TMUX_SOCKET");
        }
        // ps reports a server it cannot reach per agent (unknown, with the reason) instead of failing
        CliRun ps = CliRun.inHome(home, "fleet", "ps", "--json");
        assertThat(ps.out()).contains("\"unknown\"").contains("must never reach the production tmux socket")
                .doesNotContain("\"running\"").doesNotContain("\"stopped\"");
    }

    @Test
    void theTestJvmIsMarkedAndChildJvmsOfTheHarnessAreToo() throws Exception {
        assertThat(System.getProperty(Tmux.TEST_MODE_PROPERTY)).isEqualTo("true");
        try (ServiceHarness h = new ServiceHarness(home, java.time.Clock.systemUTC()) { }) {
            h.installLauncher();
            assertThat(Files.readString(Path.of(h.environment.get("MOSAIC_LAUNCHER"))))
                    .contains("-D" + Tmux.TEST_MODE_PROPERTY + "=true");
            assertThat(h.socket).startsWith("mosaic-test-");
        }
    }

    @Test
    void aHungTmuxCallFailsNamingTheCommandInsteadOfHangingTheBuild() {
        PrivateTmux tmux = new PrivateTmux();
        try {
            tmux.run("new-session", "-d", "-s", "idle", "sleep 120");
            long start = System.nanoTime();
            // wait-for on a channel nobody signals blocks forever: a stand-in for a wedged tmux
            assertThatThrownBy(() -> tmux.run("wait-for", "never-signalled"))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("did not finish within 10 s")
                    .hasMessageContaining("wait-for");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        } finally {
            tmux.kill();
        }
        assertThat(tmux.run("has-session")).contains("no server running");
    }
}
