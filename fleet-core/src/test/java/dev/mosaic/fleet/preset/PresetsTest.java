package dev.mosaic.fleet.preset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.RosterStore;
import dev.mosaic.fleet.runtime.RuntimeProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresetsTest {

    @TempDir
    Path dir;

    @Test
    void shippedPresetsEachHaveADescriptionAnOrchestratorAndKnownRuntimes() {
        Presets presets = Presets.load(null);
        RuntimeProfiles runtimes = RuntimeProfiles.shipped();
        assertThat(presets.all()).containsOnlyKeys("general", "coding", "research", "hybrid", "demo");
        for (Preset p : presets.all().values()) {
            assertThat(p.description()).isNotBlank().doesNotContain("\n");
            assertThat(p.orchestrator().role()).isEqualTo(AgentSpec.ORCHESTRATOR_ROLE);
            assertThat(p.agents()).isNotEmpty();
            assertThat(runtimes.profiles()).containsKey(p.orchestrator().runtime());
            p.agents().forEach(a -> assertThat(runtimes.profiles()).containsKey(a.runtime()));
        }
        assertThat(runtimes.profiles()).containsKeys("claude", "codex", "pi", "shell", "demo", "demo-orchestrator");
    }

    @Test
    void demoRuntimesAreFixedScriptsThatNeverEvaluateChatText() {
        RuntimeProfiles runtimes = RuntimeProfiles.shipped();
        for (String name : new String[] {"demo", "demo-orchestrator"}) {
            var p = runtimes.base(name);
            assertThat(p.command()).startsWith("bash", "--noprofile", "--norc", "-c").doesNotContain("-i");
            String script = p.command().get(4);
            assertThat(script).contains("IFS= read -r line").doesNotContain("eval").doesNotContain("$(");
        }
        assertThat(runtimes.base("demo-orchestrator").command().get(4))
                .contains("\"$MOSAIC_LAUNCHER\" mos say -- \"Mos (demo) heard: $line\"");
    }

    @Test
    void userPresetsAndRuntimesAddToAndShadowTheShippedOnes() throws Exception {
        Files.createDirectories(dir.resolve("runtimes"));
        Files.writeString(dir.resolve("runtimes/aider.yaml"), "description: Aider\ncommand: [aider, --no-git]\n");
        Files.writeString(dir.resolve("runtimes/claude.yaml"), "command: [claude, --model, opus]\nenterDelayMs: 500\n");
        Files.writeString(dir.resolve("coding.yaml"), """
                description: My coding fleet
                orchestrator: { name: boss, runtime: claude }
                agents:
                  - { name: pair, role: coder, runtime: aider }
                """);
        Presets presets = Presets.load(dir);
        assertThat(presets.get("coding").description()).isEqualTo("My coding fleet");
        assertThat(presets.get("general").agents()).isNotEmpty();
        RuntimeProfiles runtimes = RuntimeProfiles.load(dir);
        assertThat(runtimes.base("aider").command()).containsExactly("aider", "--no-git");
        assertThat(runtimes.base("claude").command()).containsExactly("claude", "--model", "opus");

        Preset p = presets.get("coding");
        String text = RosterTemplate.render(new InitPlan("coding", "mine", "~", p.orchestrator(), p.agents(), null,
                null, Map.of("console", "alice")));
        Path file = dir.resolve("fleet/roster.yaml");
        Roster r = new RosterStore(file, dir).create(text);
        assertThat(r.orchestrator().agent().name()).isEqualTo("boss");
        assertThat(runtimes.resolve(r, "aider").description()).isEqualTo("Aider");
        assertThatThrownBy(() -> new RosterStore(dir.resolve("other.yaml")).create(text))
                .hasMessageContaining("runtime 'aider' is unknown");
        assertThatThrownBy(() -> presets.get("nope")).hasMessageContaining("preset 'nope' is unknown: use one of general");
    }

    @Test
    void aBrokenUserPresetNamesItsFile() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "description: x\nagents: []\n");
        assertThatThrownBy(() -> Presets.load(dir)).hasMessageContaining("bad.yaml").hasMessageContaining("orchestrator");
    }

    @Test
    void aWrongValueShapeOrAMissingNameInAUserPresetIsNamedNotACrash() throws Exception {
        Files.writeString(dir.resolve("shape.yaml"), "orchestrator: { name: mos, runtime: [pi, claude] }\n");
        assertThatThrownBy(() -> Presets.load(dir)).hasMessageContaining("shape.yaml")
                .hasMessageContaining("runtime must be a single value, found a list");
        Files.delete(dir.resolve("shape.yaml"));
        Files.writeString(dir.resolve("noname.yaml"), "orchestrator: { name: mos, runtime: pi }\n"
                + "agents: [ { role: coder, runtime: pi } ]\n");
        assertThatThrownBy(() -> Presets.load(dir)).hasMessageContaining("noname.yaml")
                .hasMessageContaining("agent name 'null' is invalid");
    }
}
