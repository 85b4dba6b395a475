package dev.mosaic.fleet.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 row 2: anchors and aliases never reach the roster's tree (loops, expansion bombs). */
class RosterAliasTest {

    private static final String HEAD = """
            version: 1
            fleet: { name: mosaic, type: demo }
            orchestrator: { name: mos, runtime: demo-orchestrator }
            """;

    @TempDir
    Path dir;

    private RosterStore store(String text) throws Exception {
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return new RosterStore(file);
    }

    @Test
    void anAliasLoopIsALocatedErrorNotAStackOverflow() throws Exception {
        RosterStore store = store(HEAD + "extra:\n  loop: &a [x, *a]\n");
        assertThatThrownBy(store::load).isInstanceOf(RosterException.class)
                .hasMessageContaining("roster.yaml:5: ").hasMessageContaining("anchor &a is not allowed");
    }

    @Test
    void aSelfReferencingMappingIsALocatedError() throws Exception {
        RosterStore store = store(HEAD + "agents:\n  - &me { name: a1, runtime: demo, peer: *me }\n");
        assertThatThrownBy(store::load).isInstanceOf(RosterException.class)
                .hasMessageContaining("roster.yaml:5: ").hasMessageContaining("not allowed in a roster");
    }

    @Test
    void anExpansionBombIsRefusedAtItsFirstAnchorBeforeAnythingGrows() throws Exception {
        StringBuilder bomb = new StringBuilder(HEAD).append("x0: &x0 [").append("\"lol\", ".repeat(50)).append("\"lol\"]\n");
        for (int i = 1; i < 19; i++) {
            bomb.append("x").append(i).append(": &x").append(i).append(" [")
                    .append(("*x" + (i - 1) + ", ").repeat(9)).append("*x").append(i - 1).append("]\n");
        }
        RosterStore store = store(bomb.toString());
        assertThatThrownBy(store::load).isInstanceOf(RosterException.class)
                .hasMessageContaining("roster.yaml:4: ").hasMessageContaining("anchor &x0");
    }

    @Test
    void anAliasInAnAddedAgentsFileIsRefusedTooAndTheFileIsUntouched() throws Exception {
        RosterStore store = store(HEAD + "agents:\n  - { name: a1, runtime: demo, workdir: &w /tmp }\n"
                + "  - { name: a2, runtime: demo, workdir: *w }\n");
        byte[] before = Files.readAllBytes(store.file());
        assertThatThrownBy(() -> store.update(d -> d.removeAgent("a1"))).isInstanceOf(RosterException.class)
                .hasMessageContaining("roster.yaml:5: ");
        assertThat(Files.readAllBytes(store.file())).isEqualTo(before);
    }
}
