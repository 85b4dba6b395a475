package dev.mosaic.mos.cli.roster;

import dev.mosaic.mos.testing.CliRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.fleet.audit.AuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCommandsTest {

    @TempDir
    Path home;

    private Path roster() {
        return home.resolve("fleet/roster.yaml");
    }

    @BeforeEach
    void init() {
        assertThat(CliRun.inHome(home, "fleet", "init", "--preset", "general", "--yes").code()).isZero();
    }

    @Test
    void addListAndRemoveEditTheRosterAndAreAudited() throws Exception {
        CliRun add = CliRun.inHome(home, "fleet", "agent", "add", "coder-9", "--runtime", "codex", "--role", "coder",
                "--workdir", "~/src/x", "--command", "codex --full-auto");
        assertThat(add.code()).as(add.err()).isZero();
        CliRun list = CliRun.inHome(home, "fleet", "agent", "list");
        assertThat(list.out()).contains("NAME", "mos", "assistant", "coder-9", "codex", "~/src/x");
        JsonNode json = new ObjectMapper().readTree(CliRun.inHome(home, "fleet", "agent", "list", "--json").out());
        assertThat(json.path("schema").asText()).isEqualTo("mosaic.fleet.agents/v1");
        JsonNode coder = json.path("agents").get(2);
        assertThat(coder.path("name").asText()).isEqualTo("coder-9");
        assertThat(coder.path("command").toString()).isEqualTo("[\"codex\",\"--full-auto\"]");

        CliRun defaultRuntime = CliRun.inHome(home, java.util.Map.of("MOSAIC_AGENT_RUNTIME", "shell"), "fleet", "agent",
                "add", "plain");
        assertThat(defaultRuntime.code()).isZero();
        assertThat(Files.readString(roster())).contains("name: plain\n    role: agent\n    runtime: shell");

        assertThat(CliRun.inHome(home, "fleet", "agent", "remove", "coder-9").code()).isZero();
        assertThat(Files.readString(roster())).doesNotContain("coder-9");
        assertThat(new AuditLog(home.resolve("audit/audit.jsonl")).read())
                .extracting(e -> e.record().action() + " " + e.record().target() + " " + e.record().result())
                .contains("agent.add coder-9 ok", "agent.add plain ok", "agent.remove coder-9 ok");
    }

    @Test
    void removingTheOrchestratorIsRefusedWithAnExplanation() throws Exception {
        byte[] before = Files.readAllBytes(roster());
        CliRun r = CliRun.inHome(home, "fleet", "agent", "remove", "mos");
        assertThat(r.code()).isOne();
        assertThat(r.err()).contains("'mos' is the orchestrator", "exactly one").doesNotContain("Exception");
        assertThat(Files.readAllBytes(roster())).isEqualTo(before);
        assertThat(new AuditLog(home.resolve("audit/audit.jsonl")).read())
                .extracting(e -> e.record().action() + " " + e.record().result()).contains("agent.remove failed");
    }

    @Test
    void mistakesGiveOneClearMessageAndLeaveTheFileAlone() throws Exception {
        byte[] before = Files.readAllBytes(roster());
        CliRun dup = CliRun.inHome(home, "fleet", "agent", "add", "assistant");
        assertThat(dup.code()).isOne();
        assertThat(dup.err()).contains("agent 'assistant' already exists");
        CliRun badName = CliRun.inHome(home, "fleet", "agent", "add", "Coder 1");
        assertThat(badName.code()).isOne();
        assertThat(badName.err()).contains("agent name 'Coder 1' is invalid");
        CliRun badRuntime = CliRun.inHome(home, "fleet", "agent", "add", "x", "--runtime", "gpt9");
        assertThat(badRuntime.code()).isOne();
        assertThat(badRuntime.err()).contains("runtime 'gpt9' is unknown");
        CliRun badHost = CliRun.inHome(home, "fleet", "agent", "add", "x", "--host", "tiger");
        assertThat(badHost.err()).contains("host 'tiger' is unknown");
        CliRun missing = CliRun.inHome(home, "fleet", "agent", "remove", "nobody");
        assertThat(missing.code()).isOne();
        assertThat(missing.err()).contains("no agent named 'nobody'");
        assertThat(CliRun.inHome(home, "fleet", "agent", "add").code()).isEqualTo(2);
        assertThat(Files.readAllBytes(roster())).isEqualTo(before);
    }

    @Test
    void aBrokenRosterIsReportedWithFileLineAndValue() throws Exception {
        String text = Files.readString(roster()).replace("name: assistant", "name: Assistant One");
        Files.writeString(roster(), text);
        CliRun r = CliRun.inHome(home, "fleet", "agent", "add", "x");
        assertThat(r.code()).isOne();
        int line = text.substring(0, text.indexOf("Assistant One")).split("\n").length;
        assertThat(r.err()).contains("roster.yaml:" + line + ": agent name 'Assistant One' is invalid")
                .doesNotContain("at dev.");
        assertThat(Files.readString(roster())).isEqualTo(text);
        assertThat(CliRun.inHome(home, "fleet", "config").err()).contains("roster.yaml:" + line + ":");
    }
}
