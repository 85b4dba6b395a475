package dev.mosaic.mos.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.Action;
import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.testkit.LoopbackConnector;
import dev.mosaic.fleet.ps.AgentStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Claude Code 2.1.328 agent under the real Mos service, its model the scripted fake: Mos
 * waits until it is ready, a chat task makes it ask to run a Bash command, the wait shows in ps
 * and in the conversation, and a person approves or denies it from chat.
 */
class ClaudeApprovalTest {

    @TempDir
    Path dir;
    HarnessFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new HarnessFixture(dir);
        f.roster(HarnessFixture.echoOrchestrator(f.work),
                "  - { name: coder-1, role: coder, runtime: claude, permissionMode: manual, workdir: \"" + f.work
                        + "\", env: " + f.agentEnv() + " }\n",
                HarnessFixture.echoRuntime());
        f.start();
        // ready: the harness's SessionStart hook (no first-run dialog: Mos wrote the answers)
        f.awaitActivity("coder-1", "idle", Duration.ofSeconds(40));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** The relayed request: who, the tool and the command (from the hook's payload, or read off the dialog). */
    private static boolean wantsToRun(OutboundMessage m, Path target) {
        return m.text().contains("coder-1 wants to run") && m.text().contains("Bash") && m.text().contains("touch " + target);
    }

    private Path askToWrite(String file) {
        Path target = f.work.resolve(file);
        f.model.reply(FakeModel.Reply.tool("Bash", Map.of("command", "touch " + target, "description", "create " + file)));
        f.model.reply(FakeModel.Reply.text("created " + file));
        f.dm("200", "send coder-1 please create " + file);
        return target;
    }

    @Test
    void anOperatorApprovesFromChatAndTheCommandRuns() {
        Path target = askToWrite("approved.txt");
        f.awaitActivity("coder-1", "waiting_approval", Duration.ofSeconds(30));
        Instant waitingSeen = Instant.now();
        AgentStatus st = f.status("coder-1");
        assertThat(st.waiting()).isNotNull();
        assertThat(st.waiting().kind()).isEqualTo("approval");
        assertThat(st.waiting().summary()).isEqualTo("Bash: touch " + target);
        assertThat(st.heartbeat().health().wire()).isEqualTo("healthy");
        assertThat(f.service.fleet().psJson()).contains("\"waiting_approval\"").contains("\"waiting\"");

        OutboundMessage request = f.awaitPosted(m -> wantsToRun(m, target), Duration.ofSeconds(2));
        assertThat(Duration.between(waitingSeen, Instant.now())).isLessThan(Duration.ofSeconds(2));
        assertThat(request.conversation().id()).isEqualTo("dm-200"); // the conversation that addressed coder-1
        assertThat(request.actions()).extracting(Action::label).containsExactly("Approve", "Deny");

        f.dm("300", "approve coder-1"); // a viewer may not
        f.awaitPosted(m -> m.conversation().id().equals("dm-300"), Duration.ofSeconds(10));
        assertThat(f.chat().replies().stream().filter(m -> m.conversation().id().equals("dm-300")).findFirst()
                .orElseThrow().text()).containsIgnoringCase("operator");
        assertThat(target).doesNotExist();
        assertThat(f.activity("coder-1")).isEqualTo("waiting_approval");

        f.dm("200", "approve coder-1");
        f.awaitPosted(m -> m.text().contains("approved coder-1: ") && m.text().contains("touch " + target),
                Duration.ofSeconds(15));
        await().atMost(20, TimeUnit.SECONDS).until(() -> Files.exists(target));
        f.awaitActivity("coder-1", "idle", Duration.ofSeconds(20));
        assertThat(f.status("coder-1").waiting()).isNull();

        f.dm("200", "approve coder-1"); // the prompt went away: refused, with what the agent does now
        f.awaitPosted("that prompt is gone (coder-1 is now idle)", Duration.ofSeconds(15));
        assertThat(f.cli(Map.of(), "mos", "audit", "--json").out())
                .contains("agent.approve").contains("discord:200");
    }

    @Test
    void theDenyButtonRefusesTheCommandAndTheAgentGoesIdle() {
        Path target = askToWrite("denied.txt");
        OutboundMessage request = f.awaitPosted(m -> wantsToRun(m, target), Duration.ofSeconds(30));
        Action deny = request.actions().stream().filter(a -> a.label().equals("Deny")).findFirst().orElseThrow();
        LoopbackConnector c = f.chat();
        c.say(new InboundMessage("press-1", request.conversation(), c.user("200"), deny.command(), Instant.now(),
                Addressing.ACTION));
        f.awaitPosted(m -> m.text().contains("denied coder-1: ") && m.text().contains("touch " + target),
                Duration.ofSeconds(15));
        f.awaitActivity("coder-1", "idle", Duration.ofSeconds(10));
        assertThat(target).doesNotExist();
        await().atMost(20, TimeUnit.SECONDS).until(() -> f.pane("coder-1").contains("Interrupted"));
    }
}
