package dev.mosaic.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.exec.CommandRunner;
import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.fleet.ps.AgentState;
import dev.mosaic.fleet.roster.Roster;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under systemd or {@code env -i} there is no UTF-8 locale, and tmux then prints the tab
 * separators of our list formats as '_'. The engine must still see its sessions.
 */
class LocaleIndependenceTest {

    /** Runs every command with the locale variables removed, as systemd user units do. */
    private static final class NoLocaleRunner implements CommandRunner {
        private final ProcessCommandRunner real = new ProcessCommandRunner();

        @Override
        public CommandResult run(List<String> argv, String stdin, Duration timeout) {
            List<String> wrapped = new ArrayList<>(List.of("env", "-u", "LANG", "-u", "LC_ALL", "-u", "LC_CTYPE"));
            wrapped.addAll(argv);
            return real.run(wrapped, stdin, timeout);
        }
    }

    @Test
    void psSeesRunningAgentsWithoutAUtf8Locale(@TempDir Path home) {
        String socket = "mosaic-test-" + UUID.randomUUID().toString().substring(0, 8);
        MosaicEnv env = new MosaicEnv(home, home.resolve("fleet/roster.yaml"), home.resolve("fleet/run"),
                Duration.ofSeconds(5), socket, "shell");
        Roster roster = FleetFixture.roster(List.of(FleetFixture.agent("coder-1")));
        NoLocaleRunner runner = new NoLocaleRunner();
        try (Fleet fleet = new Fleet(() -> roster, FleetFixture::profile, env, Clock.systemUTC(), runner, Map.of(),
                home, false)) {
            fleet.start(List.of());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(fleet.ps().agents())
                    .allSatisfy(a -> assertThat(a.state()).isEqualTo(AgentState.RUNNING)));
        } finally {
            new ProcessCommandRunner().run(List.of("tmux", "-L", socket, "kill-server"), null, Duration.ofSeconds(10));
        }
    }
}
