package dev.mosaic.mos.cli.roster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.mos.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mosaic fleet config} shows, per AI harness agent, what Mos writes and sets for it: the
 * settings files, the hooks, the permission mode, the environment it always sets, the orchestrator's
 * allow-list and instruction file, pi's extension — and nothing for a plain shell agent.
 */
class HarnessConfigTest {

    @TempDir
    Path home;

    @Test
    void fleetConfigShowsWhatMosWritesForEachHarness() throws Exception {
        Files.createDirectories(home.resolve("fleet"));
        Files.writeString(home.resolve("fleet/roster.yaml"), """
                version: 1
                fleet: { name: f, type: coding, comms: tmux }
                orchestrator: { name: mos, runtime: claude, permissionMode: manual, workdir: /srv/orch }
                agents:
                  - { name: pi-1, role: coder, runtime: pi }
                  - { name: cx-1, role: coder, runtime: codex, permissionMode: on-request }
                  - { name: sh-1, role: coder, runtime: shell }
                """);
        CliRun run = CliRun.inHome(home, "fleet", "config", "--json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        JsonNode claude = json.path("orchestrator").path("harness");
        String dir = home.resolve("fleet/agents/mos/claude").toString();
        assertThat(claude.path("harness").asText()).isEqualTo("claude");
        assertThat(claude.path("files").has(dir + "/settings.json")).isTrue();
        assertThat(claude.path("files").has(dir + "/.claude.json")).isTrue();
        assertThat(claude.path("files").has("/srv/orch/CLAUDE.md")).isTrue();
        assertThat(claude.path("hooks").path("PermissionRequest").asText())
                .isEqualTo(home.resolve("fleet/bin/mosaic-agent-hook") + " claude PermissionRequest");
        assertThat(claude.path("permissionMode").asText()).isEqualTo("manual");
        assertThat(claude.path("arguments").toString()).isEqualTo("[\"--permission-mode\",\"manual\"]");
        assertThat(claude.path("env").path("DISABLE_AUTOUPDATER").asText()).isEqualTo("1");
        assertThat(claude.path("env").path("CLAUDE_CONFIG_DIR").asText()).isEqualTo(dir);
        assertThat(claude.path("allow").toString()).contains("Bash(mosaic mos say:*)").contains("Bash(mosaic fleet ps:*)");

        JsonNode agents = json.path("agents");
        JsonNode pi = agents.get(0).path("harness");
        String ext = home.resolve("fleet/agents/pi-1/pi/mosaic.ts").toString();
        assertThat(pi.path("arguments").toString()).isEqualTo("[\"-e\",\"" + ext + "\"]");
        assertThat(pi.path("files").has(ext)).isTrue();
        assertThat(pi.path("env").path("PI_OFFLINE").asText()).isEqualTo("1");
        assertThat(pi.has("allow")).isFalse(); // not the orchestrator
        JsonNode codex = agents.get(1).path("harness");
        assertThat(codex.path("arguments").toString()).contains("notify=").contains("--ask-for-approval", "on-request");
        assertThat(agents.get(2).has("harness")).isFalse();

        CliRun text = CliRun.inHome(home, "fleet", "config");
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("harness:", "permissionMode: manual", dir + "/settings.json", "DISABLE_AUTOUPDATER",
                "Bash(mosaic mos say:*)", ext);
    }
}
