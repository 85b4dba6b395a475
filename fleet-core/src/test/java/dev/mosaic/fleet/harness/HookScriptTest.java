package dev.mosaic.fleet.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.fleet.engine.Launcher;
import dev.mosaic.fleet.heartbeat.Health;
import dev.mosaic.fleet.heartbeat.Heartbeat;
import dev.mosaic.fleet.heartbeat.HeartbeatFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code mosaic-agent-hook} run as the harnesses run it (Claude Code hook payloads on
 * stdin, pi's arguments, Codex's notify JSON): the heartbeat file it writes reads back as the live
 * state, keeps the model and the start of the current activity, and saves the permission request.
 */
class HookScriptTest {

    @TempDir
    Path dir;

    private Path hook() throws Exception {
        return Launcher.install(dir.resolve("bin/mosaic-agent-hook"), Launcher.resource(AgentHarness.HOOK_RESOURCE), true);
    }

    private String run(String stdin, String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of(hook().toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("MOSAIC_AGENT_NAME", "coder-1");
        pb.environment().put("MOSAIC_HEARTBEAT_RUN_DIR", dir.resolve("run").toString());
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero(); // a hook never fails its harness
        return out;
    }

    private Heartbeat beat() {
        return new HeartbeatFiles(dir.resolve("run"), Duration.ofSeconds(15), Clock.systemUTC()).read("coder-1");
    }

    @Test
    void claudeHooksReportTheLiveStateAndTheModel() throws Exception {
        run("{\"hook_event_name\":\"SessionStart\",\"model\":\"claude-opus-5-5\"}", "claude", "SessionStart");
        assertThat(beat().activity()).isEqualTo("idle");
        assertThat(beat().model()).isEqualTo("claude-opus-5-5");
        assertThat(beat().nativeBeat()).isTrue();
        assertThat(beat().health()).isEqualTo(Health.HEALTHY);
        run("{}", "claude", "UserPromptSubmit");
        assertThat(beat().activity()).isEqualTo("working");
        String request = "{\"hook_event_name\":\"PermissionRequest\",\"tool_name\":\"Bash\",\"tool_input\":{\"command\":\"ls\"}}";
        run(request, "claude", "PermissionRequest");
        assertThat(beat().activity()).isEqualTo("waiting_approval");
        assertThat(Files.readString(dir.resolve("run/coder-1.request.json"))).contains("\"tool_name\":\"Bash\"");
        assertThat(beat().model()).isEqualTo("claude-opus-5-5"); // kept across events
        assertThat(run("{\"model\":{\"id\":\"claude-opus-5-5\"}}", "claude", "status")).contains("coder-1");
        assertThat(beat().activity()).isEqualTo("waiting_approval"); // the status line only beats
        run("{}", "claude", "PostToolUse");
        assertThat(dir.resolve("run/coder-1.request.json")).doesNotExist();
        run("{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"AskUserQuestion\",\"tool_input\":{\"questions\":[]}}",
                "claude", "PreToolUse");
        assertThat(beat().activity()).isEqualTo("waiting_input"); // its dialog fires no other hook
        assertThat(Files.readString(dir.resolve("run/coder-1.request.json"))).contains("AskUserQuestion");
        run("{}", "claude", "PostToolUse"); // answered
        assertThat(beat().activity()).isEqualTo("working");
        assertThat(dir.resolve("run/coder-1.request.json")).doesNotExist();
        run("{}", "claude", "Stop");
        assertThat(beat().activity()).isEqualTo("idle");
        run("{}", "claude", "StopFailure");
        assertThat(beat().activity()).isEqualTo("error");
        assertThat(beat().status()).isEqualTo("error");
    }

    @Test
    void piAndCodexReportThroughArguments() throws Exception {
        run("", "pi", "working", "fake/fake-model");
        assertThat(beat().activity()).isEqualTo("working");
        assertThat(beat().model()).isEqualTo("fake/fake-model");
        var since = beat().since();
        run("", "pi", "beat", "fake/fake-model");
        assertThat(beat().activity()).isEqualTo("working");
        assertThat(beat().since()).isEqualTo(since);
        run("", "codex", "notify", "{\"type\":\"agent-turn-complete\",\"last-assistant-message\":\"ok\"}");
        assertThat(beat().activity()).isEqualTo("idle");
    }

    @Test
    void aHookOutsideAnAgentDoesNothingAndValuesAreNeverTakenOnTrust() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(hook().toString(), "claude", "Stop");
        pb.environment().remove("MOSAIC_AGENT_NAME");
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        run("", "pi", "idle", "bad model;$(touch " + dir.resolve("pwned") + ")");
        assertThat(beat().model()).isNull();
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void mosRecordsWhatTheHarnessDoesNotReport() throws Exception {
        run("", "pi", "idle", "fake/fake-model");
        run("", "mos", "working");
        assertThat(beat().activity()).isEqualTo("working");
        assertThat(beat().model()).isEqualTo("fake/fake-model");
        run("", "mos", "idle");
        assertThat(beat().activity()).isEqualTo("idle");
        run("", "mos", "rm -rf");
        assertThat(beat().activity()).isEqualTo("idle"); // anything else is ignored
    }

    @Test
    void aLockLeftByAKilledHookIsTakenOverAtOnce() throws Exception {
        run("{}", "claude", "SessionStart");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path lock = Files.createDirectories(dir.resolve("run/coder-1.heartbeat.lock"));
        Files.writeString(lock.resolve("pid"), gone.pid() + "\n");
        run("{}", "claude", "UserPromptSubmit");
        assertThat(beat().activity()).isEqualTo("working");
        assertThat(lock).doesNotExist();
    }

    @Test
    void aRunDirThatCannotExistEndsTheHook() throws Exception {
        Files.writeString(dir.resolve("not-a-dir"), "x"); // as a removed temp dir: the lock can never be made
        ProcessBuilder pb = new ProcessBuilder(hook().toString(), "claude", "Stop");
        pb.environment().put("MOSAIC_AGENT_NAME", "coder-1");
        pb.environment().put("MOSAIC_HEARTBEAT_RUN_DIR", dir.resolve("not-a-dir/run").toString());
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("the hook ends instead of waiting for a lock forever").isTrue();
        assertThat(p.exitValue()).isZero();
    }
}
