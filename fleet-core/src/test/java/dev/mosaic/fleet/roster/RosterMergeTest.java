package dev.mosaic.fleet.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RosterMergeTest {

    static final String BASE = """
            version: 1
            fleet:
              name: mosaic
              type: coding
            orchestrator:
              name: mos
              runtime: claude
            agents:
              - name: coder-1
                role: coder
                runtime: codex
              - name: coder-2
                role: coder
                runtime: claude
              - name: reviewer
                role: reviewer
                runtime: claude
              - name: tester
                role: tester
                runtime: pi
            """;

    /** The user: edited coder-1's runtime (with a comment), deleted tester, added their own agent. */
    static final String OURS = """
            version: 1
            fleet:
              name: mosaic
              type: coding
            orchestrator:
              name: mos
              runtime: claude
            agents:
              - name: coder-1
                role: coder
                runtime: pi   # codex is too slow for me
              - name: coder-2
                role: coder
                runtime: claude
              - name: reviewer
                role: reviewer
                runtime: claude
              # my own helper, keep it
              - name: helper
                role: helper
                runtime: shell
            """;

    /** The new preset: coder-1 moves to claude, coder-2 is gone, reviewer moves to codex, a planner is new. */
    static final String THEIRS = """
            version: 1
            fleet:
              name: mosaic
              type: hybrid
            orchestrator:
              name: mos
              runtime: codex
            agents:
              - name: coder-1
                role: coder
                runtime: claude
              - name: reviewer
                role: reviewer
                runtime: codex
              - name: tester
                role: tester
                runtime: pi
              - name: planner
                role: planner
                runtime: claude
            """;

    @TempDir
    Path dir;

    @Test
    void userChangesSurviveAndUntouchedPresetPartsFollowTheNewPreset() throws Exception {
        String merged = RosterMerge.merge(BASE, OURS, THEIRS, "roster.yaml");
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, merged);
        Roster r = new RosterStore(file).load();
        assertThat(r.fleet().type()).isEqualTo("hybrid");
        assertThat(r.orchestrator().agent().runtime()).isEqualTo("codex");
        assertThat(r.agents()).extracting(AgentSpec::name).containsExactly("coder-1", "reviewer", "helper", "planner");
        assertThat(r.agent("coder-1").orElseThrow().runtime()).isEqualTo("pi");
        assertThat(r.agent("reviewer").orElseThrow().runtime()).isEqualTo("codex");
        assertThat(merged).contains("runtime: pi   # codex is too slow for me", "# my own helper, keep it\n  - name: helper");
    }

    @Test
    void withoutABaseEverythingOfTheUserStaysAndOnlyNewAgentsAreAdded() throws Exception {
        String merged = RosterMerge.merge(null, OURS, THEIRS, "roster.yaml");
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, merged);
        Roster r = new RosterStore(file).load();
        assertThat(r.orchestrator().agent().runtime()).isEqualTo("claude");
        assertThat(r.agents()).extracting(AgentSpec::name)
                .containsExactly("coder-1", "coder-2", "reviewer", "helper", "tester", "planner");
        assertThat(merged).startsWith(OURS);
    }

    @Test
    void mergingWithNothingChangedGivesTheSameText() {
        assertThat(RosterMerge.merge(BASE, OURS, BASE, "roster.yaml")).isEqualTo(OURS);
    }
}
