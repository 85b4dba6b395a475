package dev.mosaic.mos.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.fleet.audit.AuditLog;
import dev.mosaic.mos.testing.CliRun;
import dev.mosaic.mos.testing.PrivateTmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine verbs end to end: real CLI parsing, real roster file, real tmux on a private socket. */
class EngineCliTest {

    @TempDir
    Path home;

    final PrivateTmux tmux = new PrivateTmux();
    final String socket = tmux.socket();
    Map<String, String> environment;

    @BeforeEach
    void roster() throws Exception {
        environment = new HashMap<>(Map.of("MOSAIC_HOME", home.toString(), "MOSAIC_TMUX_SOCKET", socket,
                "MOSAIC_HEARTBEAT_INTERVAL", "1", "USER", System.getProperty("user.name"),
                "XDG_CONFIG_HOME", home.resolve("xdg").toString()));
        writeRoster("""
                version: 1
                fleet: { name: clifleet, type: coding }
                orchestrator: { name: mos, runtime: shell, command: cat }
                agents:
                  - { name: coder-1, role: coder, runtime: shell, command: cat }
                """);
    }

    void writeRoster(String yaml) throws Exception {
        Files.createDirectories(home.resolve("fleet"));
        Files.writeString(home.resolve("fleet/roster.yaml"), yaml);
    }

    @AfterEach
    void killServer() {
        tmux.kill();
    }

    CliRun runWithStdin(String stdin, String... args) {
        return CliRun.run(environment, home, Clock.systemUTC(), "cli:test", stdin, args);
    }

    CliRun run(String... args) {
        return runWithStdin("", args);
    }

    @Test
    void startPsSendTailStopAreAuditedAndTruthful() throws Exception {
        CliRun ps0 = run("fleet", "ps", "--json");
        assertThat(ps0.code()).isZero();
        JsonNode before = new ObjectMapper().readTree(ps0.out());
        assertThat(before.get("agents")).extracting(a -> a.get("state").asText()).containsOnly("stopped");

        CliRun start = run("fleet", "start");
        assertThat(start.code()).as(start.err()).isZero();
        assertThat(start.out()).contains("started: mos, coder-1");
        assertThat(run("fleet", "start").out()).contains("already running: mos, coder-1");

        CliRun ps = run("fleet", "ps");
        assertThat(ps.out().lines().findFirst().orElseThrow()).startsWith("NAME").contains("STATE").contains("HEARTBEAT");
        assertThat(ps.out()).containsPattern("coder-1\\s+coder\\s+shell\\s+local\\s+running\\s+\\d+");

        Path marker = home.resolve("marker");
        CliRun send = run("fleet", "agent", "send", "coder-1", "$(touch " + marker + ") a;");
        assertThat(send.code()).as(send.err()).isZero();
        assertThat(send.out()).isEqualTo("delivered to coder-1\n");
        CliRun stdin = runWithStdin("line one\nline two\n", "fleet", "agent", "send", "coder-1", "-");
        assertThat(stdin.out()).startsWith("delivered to coder-1");

        // the tty echoes both pasted lines and cat prints them back: each shows twice
        CliRun tail = run("fleet", "agent", "tail", "coder-1", "-n", "4");
        assertThat(tail.out().lines().toList()).containsExactlyInAnyOrder("line one", "line two", "line one",
                "line two");
        assertThat(marker).doesNotExist();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(run("fleet", "agent", "status", "coder-1").out()).contains("running").contains("healthy"));
        assertThat(run("fleet", "status").out()).startsWith("fleet clifleet (tmux socket " + socket + "): 2 agents, 2 running");

        assertThat(run("fleet", "agent", "restart", "coder-1").out()).isEqualTo("restarted: coder-1\n");
        CliRun stop = run("fleet", "stop");
        assertThat(stop.out()).contains("stopped: mos, coder-1");
        // every agent's state (a heartbeat file may still say status=running for up to an interval)
        JsonNode after = new ObjectMapper().readTree(run("fleet", "ps", "--json").out());
        assertThat(after.get("agents")).extracting(a -> a.get("state").asText()).containsOnly("stopped");

        List<String> actions = new AuditLog(home.resolve("audit/audit.jsonl")).read().stream()
                .map(e -> e.record().action() + ":" + e.record().target() + ":" + e.record().result()).toList();
        assertThat(actions).containsExactly("fleet.start:all:ok", "fleet.start:all:ok", "agent.send:coder-1:delivered",
                "agent.send:coder-1:delivered", "agent.restart:coder-1:ok", "fleet.stop:all:ok");
        assertThat(new AuditLog(home.resolve("audit/audit.jsonl")).verify()).isEmpty();
    }

    @Test
    void userMistakesAndFaultsAreClearMessagesWithExitOneAndNoStackTrace() throws Exception {
        CliRun unknown = run("fleet", "agent", "send", "nobody", "hi");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("error: agent 'nobody' is not in the roster");
        CliRun invalid = run("fleet", "agent", "start", "Bad.Name");
        assertThat(invalid.code()).isEqualTo(1);
        assertThat(invalid.err()).contains("agent name 'Bad.Name' is invalid");
        CliRun notRunning = run("fleet", "agent", "send", "coder-1", "hi");
        assertThat(notRunning.code()).isEqualTo(1);
        assertThat(notRunning.err()).contains("'coder-1' is not running");
        assertThat(run("fleet", "agent", "tail", "coder-1").err()).contains("'coder-1' is not running");

        // tmux server dies under a running fleet: ps shows stopped, send fails clearly
        run("fleet", "start");
        tmux.kill();
        assertThat(run("fleet", "ps").out()).doesNotContainPattern("local\\s+running").containsPattern("mos\\s.*stopped");
        assertThat(run("fleet", "agent", "send", "mos", "hi").err()).contains("'mos' is not running");

        writeRoster("""
                version: 1
                fleet: { name: clifleet, type: coding }
                orchestrator: { name: mos, runtime: shell, command: cat }
                agents:
                  - { name: ghost, runtime: shell, command: "no-such-runtime-binary --x" }
                """);
        CliRun missing = run("fleet", "start");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.out()).contains("started: mos");
        assertThat(missing.err()).contains("error: ghost: runtime command 'no-such-runtime-binary'")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run("fleet", "agent", "send", "mos", "").err()).contains("empty");
    }

    @Test
    void verifyReportsEachCheckAndFailsOnAnyFail() throws Exception {
        run("fleet", "start");
        CliRun ok = run("fleet", "verify");
        assertThat(ok.out()).contains("ok    tmux 3.").contains("roster " + home.resolve("fleet/roster.yaml"))
                .contains("runtime command 'cat' found").contains("run dir").contains("linger");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(run("fleet", "verify").out()).contains("ok    agent coder-1 heartbeat fresh"));
        assertThat(run("fleet", "verify").code()).isZero();

        Path secret = Files.createDirectories(home.resolve("secrets")).resolve("discord.token");
        Files.writeString(secret, "not-a-real-token");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        writeRoster("""
                version: 1
                fleet: { name: clifleet, type: coding }
                orchestrator: { name: mos, runtime: shell, command: cat }
                agents:
                  - { name: ghost, runtime: shell, command: "no-such-runtime-binary" }
                """);
        CliRun bad = run("fleet", "verify");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.out()).contains("fail  secret " + secret + " is readable by others")
                .contains("fix: chmod 600 " + secret)
                .contains("fail  runtime command 'no-such-runtime-binary'")
                .doesNotContain("not-a-real-token");
        assertThat(bad.out().lines().reduce((a, b) -> b).orElseThrow()).startsWith("verify: 2 failed");
    }

    @Test
    void heartbeatWritesANativeBeatThatPsShows() throws Exception {
        assertThat(run("fleet", "heartbeat", "coder-1", "--status", "ok", "--activity", "working", "--pid", "4242")
                .code()).isZero();
        assertThat(Files.readString(home.resolve("fleet/run/coder-1.heartbeat")))
                .contains("pid=4242\nstatus=ok\nactivity=working\n");
        JsonNode hb = new ObjectMapper().readTree(run("fleet", "ps", "--json").out()).get("agents").get(1)
                .get("heartbeat");
        assertThat(hb.get("health").asText()).isEqualTo("healthy");
        assertThat(hb.get("activity").asText()).isEqualTo("working");
        CliRun bad = run("fleet", "heartbeat", "coder-1", "--status", "ok", "--activity", "napping");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("'napping'");
    }

    @Test
    void installWritesOrPrintsSystemdUnits() throws Exception {
        CliRun noLauncher = run("fleet", "install", "--dry-run");
        assertThat(noLauncher.code()).isEqualTo(1);
        assertThat(noLauncher.err()).contains("--launcher");

        environment.put("MOSAIC_LAUNCHER", "/opt/mosaic/mosaic");
        CliRun dry = run("fleet", "install", "--dry-run");
        assertThat(dry.code()).isZero();
        assertThat(dry.out()).contains("ExecStart=/opt/mosaic/mosaic mos serve")
                .contains("ExecStart=/opt/mosaic/mosaic fleet agent start %i").contains("KillMode=process")
                .contains("Environment=MOSAIC_TMUX_SOCKET=" + socket);
        Path units = home.resolve("xdg/systemd/user");
        assertThat(units.resolve("mosaic-mos.service")).doesNotExist();

        CliRun real = run("fleet", "install");
        assertThat(real.code()).as(real.err()).isZero();
        assertThat(Files.readString(units.resolve("mosaic-agent@.service"))).contains("fleet agent stop %i");
        assertThat(Files.readString(units.resolve("mosaic-mos.service"))).contains("WantedBy=default.target");
    }

    @Test
    void psJsonFromTheCliValidatesAgainstThePublishedSchema() throws Exception {
        run("fleet", "start", "coder-1");
        tmux.run("new-session", "-d", "-s", "stray", "cat");
        String json = run("fleet", "ps", "--json").out();
        var schema = com.networknt.schema.SchemaRegistry.withDefaultDialect(
                com.networknt.schema.SpecificationVersion.DRAFT_2020_12).getSchema(
                Files.readString(Path.of("..", "docs", "schema", "fleet-ps-v1.schema.json")),
                com.networknt.schema.InputFormat.JSON);
        assertThat(schema.validate(json, com.networknt.schema.InputFormat.JSON)).as(json).isEmpty();
        assertThat(json).contains("\"state\" : \"missing\"").contains("\"state\" : \"running\"");
    }

    @Test
    void startThroughSystemdWithoutUnitsSaysWhatToDo() {
        CliRun r = run("fleet", "start", "--systemd");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("systemd units are not installed").contains("mosaic fleet install");
    }

    @Test
    void approveAndDenyTakeTheAgentAndOptionallyThePromptAndRefuseWhatIsNotThere() {
        CliRun help = run("fleet", "agent", "deny", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Presses Esc.").contains("--prompt=ID").contains("NAME");
        assertThat(run("fleet", "agent", "approve", "--help").out()).contains("Presses the prompt's Yes.");

        CliRun noName = run("fleet", "agent", "approve");
        assertThat(noName.code()).isEqualTo(2);
        assertThat(noName.err()).contains("Missing required parameter: 'NAME'");
        CliRun ghost = run("fleet", "agent", "deny", "ghost", "--prompt", "abcd1234");
        assertThat(ghost.code()).isEqualTo(1);
        assertThat(ghost.err()).contains("agent 'ghost' is not in the roster");
        CliRun stopped = run("fleet", "agent", "approve", "coder-1");
        assertThat(stopped.code()).isEqualTo(1);
        assertThat(stopped.err()).contains("agent 'coder-1' is not running");
    }
}
