package dev.mosaic.mos.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.fleet.ps.AgentStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Claude Code 2.1.328 agent asks its person a question (the AskUserQuestion tool, scripted
 * in the fake model): ps shows it waiting for input with the question, Mos relays the question to
 * the conversation that addressed the agent, and that conversation's next message is typed into
 * the dialog as the answer, which the model then receives (picking an option by number or name:
 * QuestionsTest, on the recorded dialog).
 */
class ClaudeQuestionTest {

    @TempDir
    Path dir;
    HarnessFixture f;

    @AfterEach
    void stop() {
        f.close();
    }

    private static FakeModel.Reply ask(String question, String a, String b) {
        return FakeModel.Reply.tool("AskUserQuestion", Map.of("questions", List.of(Map.of("question", question,
                "header", "Pick", "multiSelect", false, "options", List.of(Map.of("label", a, "description", "the " + a),
                        Map.of("label", b, "description", "the " + b))))));
    }

    /** The tool result the model got last: what Claude Code made of the typed answer. */
    private String lastToolResult() {
        List<FakeModel.Request> loop = f.model.loopRequests();
        return loop.get(loop.size() - 1).text();
    }

    @Test
    void theQuestionIsRelayedAndTheNextReplyFromThatConversationIsTheAnswer() throws Exception {
        f = new HarnessFixture(dir);
        f.roster(HarnessFixture.echoOrchestrator(f.work),
                "  - { name: coder-1, role: coder, runtime: claude, permissionMode: manual, workdir: \"" + f.work
                        + "\", env: " + f.agentEnv() + " }\n",
                HarnessFixture.echoRuntime());
        f.start();
        f.awaitActivity("coder-1", "idle", Duration.ofSeconds(40));

        f.model.reply(ask("Which color should the button be?", "Red", "Blue"));
        f.model.reply(FakeModel.Reply.text("green it is"));
        f.dm("200", "send coder-1 make a button");

        OutboundMessage asked = f.awaitPosted(m -> m.text().contains("coder-1 asks: Which color should the button be?"),
                Duration.ofSeconds(60));
        assertThat(asked.conversation().id()).isEqualTo("dm-200"); // the conversation that addressed coder-1
        assertThat(asked.text()).contains("1. Red — the Red").contains("2. Blue").contains("next message here");
        AgentStatus st = f.status("coder-1");
        assertThat(st.heartbeat().activity()).isEqualTo("waiting_input");
        assertThat(st.waiting().kind()).isEqualTo("input");
        assertThat(st.waiting().summary()).startsWith("Which color should the button be?").contains("2. Blue");

        // chat status shows the wait and the model Claude Code reported (a command: not the answer)
        f.dm("200", "status coder-1");
        OutboundMessage status = f.awaitPosted(m -> m.text().contains("waiting for an answer: Which color"),
                Duration.ofSeconds(30));
        assertThat(status.text()).contains("MODEL").contains(st.heartbeat().model()).contains("waiting_input");
        assertThat(st.heartbeat().model()).isEqualTo("claude-opus-5-5");

        int before = f.model.loopRequests().size();
        f.dm("200", "Green please, with rounded corners");
        await().atMost(60, TimeUnit.SECONDS).until(() -> f.model.loopRequests().size() > before);
        assertThat(lastToolResult()).contains("Which color should the button be?")
                .contains("Green please, with rounded corners");
        f.awaitActivity("coder-1", "idle", Duration.ofSeconds(60));
        assertThat(f.pane("coder-1")).contains("→ Green please, with rounded corners");
        assertThat(f.cli(Map.of(), "mos", "audit", "--json").out()).contains("chat.answer");

        // answered once: the conversation's next free text goes to the orchestrator again
        f.dm("200", "thanks everyone");
        await().atMost(30, TimeUnit.SECONDS).until(() -> f.pane("mos").contains("got: [discord DM ops(operator)] thanks"));

    }
}
