package dev.mosaic.mos.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.fleet.harness.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Claude Code 2.1.328 as the orchestrator: Mos writes the bridge instructions into its
 * CLAUDE.md (keeping the user's text), free text from chat arrives labelled, and the model's answer
 * — a {@code mosaic mos say} it runs — needs no permission prompt and lands in the conversation.
 */
class ClaudeOrchestratorTest {

    @TempDir
    Path dir;
    HarnessFixture f;

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void freeTextArrivesLabelledAndTheAnswerComesBackThroughMosSay() throws Exception {
        f = new HarnessFixture(dir);
        Path orch = Files.createDirectories(f.work.resolve("orch"));
        Files.writeString(orch.resolve("CLAUDE.md"), "# My project\nUse tabs.\n");
        f.roster("  name: mos\n  runtime: claude\n  permissionMode: manual\n  workdir: \"" + orch + "\"\n  env: "
                + f.agentEnv() + "\n", "", "");
        f.start();
        f.awaitActivity("mos", "idle", Duration.ofSeconds(40));

        String claudeMd = Files.readString(orch.resolve("CLAUDE.md"));
        assertThat(claudeMd).startsWith("# My project\nUse tabs.\n").contains(Bootstrap.BEGIN)
                .contains("mosaic mos say").contains(Bootstrap.END);
        String settings = Files.readString(f.home.resolve("fleet/agents/mos/claude/settings.json"));
        assertThat(settings).contains("Bash(mosaic mos say:*)");

        f.model.reply(FakeModel.Reply.tool("Bash", Map.of("command", "mosaic mos say \"hello from claude\"",
                "description", "answer the chat")));
        f.model.reply(FakeModel.Reply.text("answered"));
        f.dm("100", "hi mos, how are you?");

        OutboundMessage answer = f.awaitPosted("hello from claude", Duration.ofSeconds(60));
        assertThat(answer.conversation().id()).isEqualTo("dm-100");
        assertThat(f.model.loopRequests()).anySatisfy(r -> assertThat(r.text()).contains("[discord DM owner(admin)] hi mos, how are you?"));
        // no permission prompt on the way: the allow-list let Claude run the bridge command
        assertThat(f.pane("mos")).doesNotContain("Do you want to proceed?");
        f.awaitActivity("mos", "idle", Duration.ofSeconds(60));
        assertThat(f.cli(Map.of(), "mos", "audit", "--json").out()).contains("agent:mos").contains("mos.say");
    }
}
