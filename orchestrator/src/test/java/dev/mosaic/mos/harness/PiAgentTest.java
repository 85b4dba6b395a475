package dev.mosaic.mos.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.fleet.heartbeat.Health;
import dev.mosaic.fleet.ps.AgentStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real pi 0.73.1 agent with Mos's shipped extension (loaded into that agent only): it reports
 * idle, working and idle again with its model, beats by itself, answers the conversation with its
 * {@code mos_say} tool, and reads {@code stale} once its process is stopped (SIGSTOP).
 */
class PiAgentTest {

    @TempDir
    Path dir;
    HarnessFixture f;
    Long stoppedPid;

    @AfterEach
    void stop() {
        if (stoppedPid != null) {
            ProcessHandle.of(stoppedPid).ifPresent(p -> signal("CONT", p.pid()));
        }
        f.close();
    }

    static void signal(String sig, long pid) {
        try {
            new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void piReportsItsStateAndModelUsesTheMosToolsAndGoesStaleWhenStopped() throws Exception {
        f = new HarnessFixture(dir);
        Path piDir = Files.createDirectories(dir.resolve("pi-agent"));
        Files.writeString(piDir.resolve("models.json"), """
                {"providers":{"fake":{"baseUrl":"%s/v1","api":"openai-completions","apiKey":"fake",
                 "compat":{"supportsDeveloperRole":false,"supportsReasoningEffort":false},
                 "models":[{"id":"fake-model","name":"Fake Model"}]}}}
                """.formatted(f.model.baseUrl()));
        Files.writeString(piDir.resolve("settings.json"), "{\"defaultProvider\":\"fake\",\"defaultModel\":\"fake-model\"}");
        f.roster(HarnessFixture.echoOrchestrator(f.work),
                "  - { name: pi-1, role: coder, runtime: pi, workdir: \"" + f.work + "\", env: { PI_CODING_AGENT_DIR: \""
                        + piDir + "\", HOME: \"" + dir + "\" } }\n",
                HarnessFixture.echoRuntime()
                        // pi runs as a child of a shell: tmux resumes a stopped pane process at once
                        // (SIGCONT), so the test stops pi one level down, where a real hang would be
                        + "  pi: { command: [sh, -c, '\"$0\" \"$@\"', \"" + HarnessBinaries.pi() + "\"] }\n");
        f.start();

        f.awaitActivity("pi-1", "idle", Duration.ofSeconds(40));
        await().atMost(30, TimeUnit.SECONDS).until(() -> f.status("pi-1").heartbeat().nativeBeat());
        AgentStatus idle = f.status("pi-1");
        assertThat(idle.heartbeat().model()).isEqualTo("fake/fake-model");
        assertThat(idle.heartbeat().nativeBeat()).isTrue();
        f.dm("200", "status pi-1"); // the self-reported model, in chat too
        OutboundMessage status = f.awaitPosted(m -> m.text().contains("MODEL"), Duration.ofSeconds(30));
        assertThat(status.text()).contains("pi-1").contains("fake/fake-model");

        f.model.reply(FakeModel.Reply.tool("mos_say", Map.of("text", "pi says hello")).after(1500));
        f.model.reply(FakeModel.Reply.text("said it"));
        f.dm("200", "send pi-1 greet the channel");
        f.awaitActivity("pi-1", "working", Duration.ofSeconds(20));
        f.awaitPosted(m -> m.conversation().id().equals("dm-200") && m.text().contains("pi says hello"),
                Duration.ofSeconds(150)); // mos say is a JVM start: slow on a loaded machine
        f.awaitActivity("pi-1", "idle", Duration.ofSeconds(20));
        JsonNode tools = f.model.loopRequests().get(0).body().path("tools");
        assertThat(tools.toString()).contains("\"mos_say\"").contains("\"fleet_status\"");

        // the extension beats by itself: still healthy well past 3 x the 1 s interval of idling
        long beat = f.status("pi-1").heartbeat().ts().getEpochSecond();
        try {
            await().atMost(10, TimeUnit.SECONDS).until(() -> f.status("pi-1").heartbeat().ts().getEpochSecond() > beat + 2);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no beat since " + beat + ": " + Files.readString(f.home.resolve("fleet/run/pi-1.heartbeat"))
                    + f.diagnosis(), e);
        }
        assertThat(f.status("pi-1").heartbeat().health()).isEqualTo(Health.HEALTHY);

        long shell = f.status("pi-1").pid();
        stoppedPid = ProcessHandle.of(shell).orElseThrow().children().findFirst().orElseThrow().pid();
        signal("STOP", stoppedPid);
        await().atMost(10, TimeUnit.SECONDS).until(() -> f.status("pi-1").heartbeat().health() == Health.STALE);
        assertThat(f.service.fleet().psJson()).contains("\"stale\"");
    }
}
