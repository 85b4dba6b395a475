package dev.mosaic.mos.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.fleet.harness.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Codex 0.169.0 as the orchestrator, asking for approval of every untrusted command
 * ({@code permissionMode: on-request}): the rules file Mos writes into its workdir lets it run
 * {@code mosaic mos say} with no approval prompt, and the answer lands in the conversation.
 */
class CodexOrchestratorTest {

    @TempDir
    Path dir;
    HarnessFixture f;

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void theRulesFileLetsCodexAnswerThroughMosSayWithoutAPrompt() throws Exception {
        f = new HarnessFixture(dir);
        Path orch = Files.createDirectories(f.work.resolve("orch"));
        Path codexHome = f.codexHome(orch);
        f.roster("  name: mos\n  runtime: codex\n  permissionMode: on-request\n  workdir: \"" + orch + "\"\n  env: { CODEX_HOME: \""
                        + codexHome + "\", FAKE_MODEL_KEY: fake, HOME: \"" + dir + "\" }\n", "",
                "  codex: { command: [\"" + HarnessBinaries.codex() + "\"] }\n");
        f.start();
        f.awaitActivity("mos", "idle", Duration.ofSeconds(60));
        assertThat(Files.readString(Bootstrap.codexRules(orch)))
                .contains("prefix_rule(pattern = [\"mosaic\", \"mos\", \"say\"], decision = \"allow\"");
        assertThat(Files.readString(orch.resolve("AGENTS.md"))).contains("mosaic mos say")
                .contains(f.home.resolve("fleet/bin/mosaic") + " mos say");

        // as the instructions say when its shell has lost mosaic from PATH: by its full path
        f.model.reply(FakeModel.Reply.codexShell(f.home.resolve("fleet/bin/mosaic") + " mos say \"hello from codex\""));
        f.model.reply(FakeModel.Reply.text("answered"));
        f.dm("100", "hi mos, how are you?");

        OutboundMessage answer = f.awaitPosted("hello from codex", Duration.ofSeconds(120));
        assertThat(answer.conversation().id()).isEqualTo("dm-100");
        assertThat(f.pane("mos")).doesNotContain("Would you like to run the following command?");
    }
}
