package dev.mosaic.mos.cli.roster;

import dev.mosaic.mos.testing.CliRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.fleet.audit.AuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InitCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private Path roster() {
        return home.resolve("fleet/roster.yaml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"general", "coding", "research", "hybrid", "demo"})
    void everyShippedPresetWritesAValidRosterWithExactlyOneOrchestrator(String preset) throws Exception {
        CliRun init = CliRun.inHome(home, "fleet", "init", "--preset", preset, "--yes");
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(init.out()).contains("Wrote " + roster());
        CliRun config = CliRun.inHome(home, "fleet", "config", "--json");
        assertThat(config.code()).as(config.err()).isZero();
        JsonNode json = JSON.readTree(config.out());
        assertThat(json.path("schema").asText()).isEqualTo("mosaic.fleet.config/v1");
        assertThat(json.path("fleet").path("type").asText()).isEqualTo(preset);
        assertThat(json.path("orchestrator").path("role").asText()).isEqualTo("orchestrator");
        assertThat(json.path("orchestrator").path("command").size()).isPositive();
        assertThat(json.path("agents").size()).isPositive();
        int orchestrators = json.path("orchestrator").isObject() ? 1 : 0;
        for (JsonNode a : json.path("agents")) {
            assertThat(a.path("role").asText()).isNotEqualTo("orchestrator");
            assertThat(a.path("orchestrator").asBoolean()).isFalse();
            assertThat(a.path("command").size()).isPositive();
        }
        assertThat(orchestrators).isOne();
        assertThat(json.path("principals").path("owner").path("role").asText()).isEqualTo("admin");
        assertThat(json.path("principals").path("owner").path("console").asText()).isEqualTo("alice");
        assertThat(InitCommand.baseFile(roster())).exists();
        assertThat(new AuditLog(home.resolve("audit/audit.jsonl")).read())
                .anySatisfy(e -> assertThat(e.record().action()).isEqualTo("fleet.init"));
    }

    @Test
    void theDemoPresetNeedsNoAiHarness() throws Exception {
        assertThat(CliRun.inHome(home, "fleet", "init", "--preset", "demo", "--yes").code()).isZero();
        JsonNode json = JSON.readTree(CliRun.inHome(home, "fleet", "config", "--json").out());
        assertThat(json.path("orchestrator").path("runtime").asText()).isEqualTo("demo-orchestrator");
        assertThat(json.path("orchestrator").path("command").get(0).asText()).isEqualTo("bash");
        assertThat(json.path("orchestrator").path("command").toString()).contains("--norc", "IFS= read -r line",
                "mos say --");
        for (JsonNode a : json.path("agents")) {
            assertThat(a.path("runtime").asText()).isEqualTo("demo");
            assertThat(a.path("command").toString()).doesNotContain("\"-i\"").contains("got: ");
        }
    }

    @Test
    void withoutATerminalAMissingPresetIsAUsageErrorNamingTheFlag() {
        CliRun r = CliRun.inHome(home, "fleet", "init");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("missing --preset").contains("coding");
        assertThat(roster()).doesNotExist();
        CliRun bad = CliRun.inHome(home, "fleet", "init", "--preset", "coding", "--agents", "coder-1,nobody");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'nobody' is not an agent of preset coding");
    }

    @Test
    void flagsChooseAgentsRuntimeAndAConnectorWhoseTokenIsOnlyAReference() throws Exception {
        CliRun r = CliRun.inHome(home, "fleet", "init", "--preset", "coding", "--name", "team", "--workdir", "~/src",
                "--agents", "coder-1,reviewer", "--orchestrator-runtime", "codex", "--connector", "discord",
                "--discord-guild", "111", "--discord-channel", "222", "--discord-token-env", "DISCORD_BOT_TOKEN",
                "--owner-id", "999", "--yes");
        assertThat(r.code()).as(r.err()).isZero();
        String text = Files.readString(roster());
        assertThat(text).contains("token: \"${env:DISCORD_BOT_TOKEN}\"", "guild: \"111\"", "discord: \"999\"",
                "name: team");
        CliRun unresolved = CliRun.inHome(home, "fleet", "config", "--json");
        assertThat(unresolved.code()).as(unresolved.err()).isZero(); // reading the config needs no secret
        assertThat(JSON.readTree(unresolved.out()).path("orchestrator").path("connectors").path("discord").path("token")
                .asText()).isEqualTo("${env:DISCORD_BOT_TOKEN} (not set in this shell)");
        CliRun config = CliRun.inHome(home, Map.of("DISCORD_BOT_TOKEN", "sekrit-value"), "fleet", "config", "--json");
        assertThat(config.code()).as(config.err()).isZero();
        assertThat(config.out()).doesNotContain("sekrit-value");
        JsonNode json = JSON.readTree(config.out());
        assertThat(json.path("orchestrator").path("runtime").asText()).isEqualTo("codex");
        assertThat(json.path("orchestrator").path("connectors").path("discord").path("token").asText()).isEqualTo("***");
        assertThat(json.path("orchestrator").path("connectors").path("discord").path("channel").asText()).isEqualTo("222");
        assertThat(json.path("agents")).extracting(a -> a.path("name").asText()).containsExactly("coder-1", "reviewer");
    }

    @Test
    void aShellOrchestratorIsRefusedAsAUsageError() {
        CliRun shell = CliRun.inHome(home, "fleet", "init", "--preset", "coding", "--orchestrator-runtime", "shell",
                "--yes");
        assertThat(shell.code()).isEqualTo(2);
        assertThat(shell.err()).contains("--orchestrator-runtime shell would run chat text as shell commands");
        assertThat(roster()).doesNotExist();
    }

    @Test
    void connectorMistakesAreUsageErrorsNamingTheFlag() {
        CliRun missing = CliRun.inHome(home, "fleet", "init", "--preset", "coding", "--connector", "discord",
                "--discord-guild", "1", "--discord-token-env", "T");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--discord-channel");
        CliRun literal = CliRun.inHome(home, "fleet", "init", "--preset", "coding", "--connector", "matrix",
                "--matrix-homeserver", "http://localhost:8008", "--matrix-user-id", "@mos:localhost", "--matrix-room",
                "!r:localhost", "--connector-opt", "token=plain-secret");
        assertThat(literal.code()).isEqualTo(2);
        assertThat(literal.err()).contains("--matrix-token-env").doesNotContain("plain-secret");
        assertThat(roster()).doesNotExist();
    }

    @Test
    void dryRunPrintsTheRosterAndWritesNothing() {
        CliRun r = CliRun.inHome(home, "fleet", "init", "--preset", "research", "--dry-run");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("would write", "type: research", "name: researcher-1");
        assertThat(roster()).doesNotExist();
    }

    @Test
    void reInitMergesKeepingUserAgentsEditsAndCommentsWithABackupAndADiff() throws Exception {
        assertThat(CliRun.inHome(home, "fleet", "init", "--preset", "coding", "--yes").code()).isZero();
        assertThat(CliRun.inHome(home, "fleet", "agent", "add", "helper", "--runtime", "shell", "--role", "helper").code())
                .isZero();
        String edited = Files.readString(roster())
                .replace("  - name: coder-2\n    role: coder\n    runtime: claude",
                        "  # coder-2 is mine now\n  - name: coder-2\n    role: coder\n    runtime: pi   # cheaper");
        Files.writeString(roster(), edited);

        CliRun dry = CliRun.inHome(home, "fleet", "init", "--preset", "hybrid", "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("--- ", "+++ ", "@@ ", "-  type: coding", "+  type: hybrid", "+  - name: researcher",
                "-  - name: coder-1");
        assertThat(Files.readString(roster())).isEqualTo(edited);

        CliRun merge = CliRun.inHome(home, "fleet", "init", "--preset", "hybrid", "--yes");
        assertThat(merge.code()).as(merge.err()).isZero();
        String merged = Files.readString(roster());
        assertThat(merged).contains("# coder-2 is mine now", "runtime: pi   # cheaper", "name: helper", "name: researcher",
                "type: hybrid").doesNotContain("name: coder-1");
        assertThat(home.resolve("fleet/roster.yaml.bak-20261126T210000Z")).hasContent(edited);
        JsonNode agents = JSON.readTree(CliRun.inHome(home, "fleet", "agent", "list", "--json").out()).path("agents");
        assertThat(agents).extracting(a -> a.path("name").asText())
                .containsExactly("mos", "coder-2", "reviewer", "helper", "coder", "researcher");
    }

    @Test
    void secretsDirectoryAndFilesArePrivate() throws Exception {
        Path file = home.resolve("secrets/discord-token");
        SecretFiles.write(file, "tok");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(file).hasContent("tok");
    }
}
