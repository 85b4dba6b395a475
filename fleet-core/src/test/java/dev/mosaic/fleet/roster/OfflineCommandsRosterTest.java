package dev.mosaic.fleet.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 row 16: the orchestrator's {@code offlineCommands:} setting, read or refused with its line. */
class OfflineCommandsRosterTest {

    @TempDir
    Path dir;

    private Roster load(String setting) throws Exception {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, """
                version: 1
                fleet: { name: mosaic, type: demo }
                orchestrator:
                  name: mos
                  runtime: demo-orchestrator
                """ + setting);
        return new RosterStore(file).load();
    }

    @Test
    void tellIsTheDefaultAndRunIfYoungerThanTakesADuration() throws Exception {
        assertThat(load("").orchestrator().offlineCommands()).isEqualTo(OfflineCommands.TELL);
        assertThat(load("  offlineCommands: tell\n").orchestrator().offlineCommands()).isEqualTo(OfflineCommands.TELL);
        OfflineCommands ten = load("  offlineCommands:\n    run-if-younger-than: 10m\n").orchestrator().offlineCommands();
        assertThat(ten.runIfYoungerThan()).isEqualTo(Duration.ofMinutes(10));
        assertThat(ten.runs(Duration.ofMinutes(9))).isTrue();
        assertThat(ten.runs(Duration.ofMinutes(10))).isFalse();
        assertThat(OfflineCommands.TELL.runs(Duration.ZERO)).isFalse();
        assertThat(load("  offlineCommands: { run-if-younger-than: 2h }\n").orchestrator().offlineCommands())
                .hasToString("run-if-younger-than: 2h");
    }

    @Test
    void aBadSettingIsALocatedErrorNamingTheValue() {
        assertThatThrownBy(() -> load("  offlineCommands: ignore\n")).isInstanceOf(RosterException.class)
                .hasMessageContaining("roster.yaml:6: ").hasMessageContaining("'ignore' is not a choice")
                .hasMessageContaining("run-if-younger-than: 10m");
        assertThatThrownBy(() -> load("  offlineCommands: { run-if-younger-than: soon }\n"))
                .isInstanceOf(RosterException.class).hasMessageContaining("roster.yaml:6: ")
                .hasMessageContaining("'soon' is not a duration");
        assertThatThrownBy(() -> load("  offlineCommands: { run-if-older-than: 5m }\n"))
                .isInstanceOf(RosterException.class).hasMessageContaining("roster.yaml:6: ")
                .hasMessageContaining("unknown key 'run-if-older-than'");
        assertThatThrownBy(() -> load("  offlineCommands: { run-if-younger-than: 0m }\n"))
                .isInstanceOf(RosterException.class).hasMessageContaining("must be positive");
    }
}
