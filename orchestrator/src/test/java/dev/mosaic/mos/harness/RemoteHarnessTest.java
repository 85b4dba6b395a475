package dev.mosaic.mos.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.fleet.heartbeat.Health;
import dev.mosaic.fleet.ps.AgentStatus;
import dev.mosaic.mos.testing.TestSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real harnesses on a remote host behave like local ones: Claude Code 2.1.328 and pi 0.73.1 run on
 * "dragon" (a real sshd on loopback with its own HOME and tmux server), Mos wrote their settings,
 * hooks and extension there, their hooks report into the remote run dir, and ps, the approval
 * relay and approve/deny from chat work for them exactly as for a local agent.
 */
class RemoteHarnessTest {

    @TempDir
    Path dir;
    HarnessFixture f;
    TestSshd sshd;

    /** The remote tmux server goes first (with the harnesses in it), then the service and local side. */
    @AfterEach
    void stop() {
        java.util.List<ProcessHandle> remote = new java.util.ArrayList<>();
        try {
            for (AgentStatus a : f.service.fleet().ps().agents()) {
                if ("dragon".equals(a.host()) && a.pid() != null) {
                    ProcessHandle.of(a.pid()).ifPresent(p -> {
                        remote.add(p);
                        p.descendants().forEach(remote::add);
                    });
                }
            }
        } catch (RuntimeException e) {
            // nothing running there
        }
        try {
            sshd.close();
            await().atMost(20, TimeUnit.SECONDS).until(() -> remote.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            f.close();
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void sshd() throws Exception {
        assertThat(TestSshd.available()).as("Debian openssh-server must be installed (.ci/run does it)").isTrue();
        sshd = new TestSshd(dir.resolve("sshd"));
        sshd.start();
        f = new HarnessFixture(dir.resolve("local"));
    }

    private void start(String agents) throws Exception {
        Files.writeString(f.rosterFile, "version: 1\n"
                + "fleet: { name: testfleet, type: coding, comms: tmux }\n"
                + "hosts:\n" + sshd.hostYaml("dragon")
                + "orchestrator:\n" + HarnessFixture.echoOrchestrator(f.work)
                + "  connectors:\n"
                + "    discord: { token: \"${env:TEST_DISCORD_TOKEN}\", guild: \"111\", channel: \"c1\" }\n"
                + "principals:\n"
                + "  owner: { role: admin, discord: \"100\" }\n"
                + "  ops: { role: operator, discord: \"200\" }\n"
                + "agents:\n" + agents
                + "runtimes:\n"
                + "  claude: { command: [\"" + HarnessBinaries.claude() + "\"] }\n"
                + "  pi: { command: [\"" + HarnessBinaries.pi() + "\"] }\n"
                + HarnessFixture.echoRuntime());
        f.start();
    }

    /** As {@link HarnessFixture#awaitActivity}, showing the remote pane and heartbeat when it fails. */
    private void awaitActivity(String agent, String activity, Duration timeout) throws Exception {
        try {
            f.awaitActivity(agent, activity, timeout);
        } catch (AssertionError e) {
            Path beat = remote("run/" + agent + ".heartbeat");
            throw new AssertionError(e.getMessage() + "\n--- remote pane of " + agent + " ---\n"
                    + sshd.remoteTmux("capture-pane", "-p", "-t", "=" + agent + ":0.0") + "\n--- remote heartbeat ---\n"
                    + (Files.exists(beat) ? Files.readString(beat) : "(none)"), e);
        }
    }

    private Path remote(String path) {
        return sshd.remoteHome.resolve(".local/share/mosaic").resolve(path);
    }

    @Test
    void aRemoteClaudeCodeAgentAsksForApprovalInChatAndAnOperatorAnswersIt() throws Exception {
        // the user's own Claude Code settings on dragon are merged, never changed
        Files.createDirectories(sshd.remoteHome.resolve(".claude"));
        String own = "{\"env\":{\"MY_SETTING\":\"kept\"}}";
        Files.writeString(sshd.remoteHome.resolve(".claude/settings.json"), own);
        Path work = Files.createDirectories(sshd.remoteHome.resolve("app"));
        start("  - { name: rc-1, role: coder, runtime: claude, host: dragon, permissionMode: manual, workdir: \"~/app\","
                + " env: { ANTHROPIC_BASE_URL: \"" + f.model.baseUrl() + "\", ANTHROPIC_AUTH_TOKEN: fake-token } }\n");

        // ready through its own SessionStart hook, which wrote dragon's run dir (not this machine's)
        awaitActivity("rc-1", "idle", Duration.ofSeconds(60));
        assertThat(remote("run/rc-1.heartbeat")).exists();
        assertThat(f.home.resolve("fleet/run/rc-1.heartbeat")).doesNotExist();
        assertThat(remote("bin/mosaic-agent-hook")).isExecutable();
        JsonNode settings = new ObjectMapper().readTree(remote("home/fleet/agents/rc-1/claude/settings.json").toFile());
        assertThat(settings.path("env").path("MY_SETTING").asText()).isEqualTo("kept");
        assertThat(settings.path("hooks").path("PermissionRequest").toString())
                .contains(remote("bin/mosaic-agent-hook") + "' claude PermissionRequest");
        assertThat(Files.readString(sshd.remoteHome.resolve(".claude/settings.json"))).isEqualTo(own);
        assertThat(f.status("rc-1").host()).isEqualTo("dragon");

        // a task from chat makes it ask; ps and the conversation show the wait, with the hook's summary
        Path target = work.resolve("approved.txt");
        f.model.reply(FakeModel.Reply.tool("Bash", Map.of("command", "touch " + target, "description", "create it")));
        f.model.reply(FakeModel.Reply.text("created it"));
        f.dm("200", "send rc-1 please create approved.txt");
        awaitActivity("rc-1", "waiting_approval", Duration.ofSeconds(60));
        // the screen may show the dialog a moment before the PermissionRequest hook's payload lands there
        await().atMost(10, TimeUnit.SECONDS).until(() -> ("Bash: touch " + target).equals(f.status("rc-1").waiting()
                .summary()));
        AgentStatus st = f.status("rc-1");
        assertThat(st.waiting().kind()).isEqualTo("approval");
        assertThat(st.heartbeat().health()).isEqualTo(Health.HEALTHY);
        f.awaitPosted(m -> m.conversation().id().equals("dm-200") && m.text().contains("rc-1 wants to run")
                && m.text().contains("touch " + target), Duration.ofSeconds(30)); // speed: the harness bench

        f.dm("200", "approve rc-1");
        f.awaitPosted(m -> m.text().contains("approved rc-1: "), Duration.ofSeconds(20));
        await().atMost(30, TimeUnit.SECONDS).until(() -> Files.exists(target));
        awaitActivity("rc-1", "idle", Duration.ofSeconds(30));
        assertThat(f.status("rc-1").waiting()).isNull();

        // a denial (no hook fires after Esc): Mos records idle in dragon's run dir itself
        Path denied = work.resolve("denied.txt");
        f.model.reply(FakeModel.Reply.tool("Bash", Map.of("command", "touch " + denied, "description", "create it")));
        f.model.reply(FakeModel.Reply.text("ok, not created"));
        f.dm("200", "send rc-1 please create denied.txt");
        f.awaitPosted(m -> m.text().contains("rc-1 wants to run") && m.text().contains("touch " + denied),
                Duration.ofSeconds(40));
        f.dm("200", "deny rc-1");
        f.awaitPosted(m -> m.text().contains("denied rc-1: "), Duration.ofSeconds(20));
        awaitActivity("rc-1", "idle", Duration.ofSeconds(20));
        assertThat(denied).doesNotExist();
        assertThat(remote("run/rc-1.request.json")).doesNotExist();
    }

    @Test
    void aRemotePiAgentReportsWorkingIdleAndItsModelThroughTheShippedExtension() throws Exception {
        Path piDir = Files.createDirectories(sshd.remoteHome.resolve("pi-agent"));
        Files.writeString(piDir.resolve("models.json"), """
                {"providers":{"fake":{"baseUrl":"%s/v1","api":"openai-completions","apiKey":"fake",
                 "compat":{"supportsDeveloperRole":false,"supportsReasoningEffort":false},
                 "models":[{"id":"fake-model","name":"Fake Model"}]}}}
                """.formatted(f.model.baseUrl()));
        Files.writeString(piDir.resolve("settings.json"), "{\"defaultProvider\":\"fake\",\"defaultModel\":\"fake-model\"}");
        start("  - { name: rp-1, role: coder, runtime: pi, host: dragon, workdir: \"~\", env: { PI_CODING_AGENT_DIR: \""
                + piDir + "\" } }\n");

        awaitActivity("rp-1", "idle", Duration.ofSeconds(60));
        assertThat(remote("home/fleet/agents/rp-1/pi/mosaic.ts")).exists();
        await().atMost(60, TimeUnit.SECONDS).until(() -> f.status("rp-1").heartbeat().nativeBeat());
        assertThat(f.status("rp-1").heartbeat().model()).isEqualTo("fake/fake-model");

        f.model.reply(FakeModel.Reply.text("thinking hard").after(8000));
        f.dm("200", "send rp-1 think about it");
        awaitActivity("rp-1", "working", Duration.ofSeconds(30));
        awaitActivity("rp-1", "idle", Duration.ofSeconds(30));
        assertThat(f.service.fleet().psJson()).contains("\"rp-1\"").contains("\"fake/fake-model\"");
        assertThat(f.status("rp-1").heartbeat().health()).isEqualTo(Health.HEALTHY);
    }
}
