package dev.mosaic.mos.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Codex 0.169.0 agent (Responses API against the fake model): Mos reads it ready from its
 * screen, records the turn it starts as working, and the finished turn reaches ps through the
 * notify hook Mos put on its command line — only the hook can turn it idle again.
 */
class CodexAgentTest {

    @TempDir
    Path dir;
    HarnessFixture f;

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aFinishedTurnReachesPsThroughTheNotifyHook() throws Exception {
        f = new HarnessFixture(dir);
        Path codexHome = f.codexHome(f.work);
        f.roster(HarnessFixture.echoOrchestrator(f.work),
                "  - { name: cx-1, role: coder, runtime: codex, workdir: \"" + f.work + "\", env: { CODEX_HOME: \""
                        + codexHome + "\", FAKE_MODEL_KEY: fake, HOME: \"" + dir + "\" } }\n",
                HarnessFixture.echoRuntime() + "  codex: { command: [\"" + HarnessBinaries.codex() + "\"] }\n");
        f.start();
        f.awaitActivity("cx-1", "idle", Duration.ofSeconds(60)); // its ready screen

        f.model.reply(FakeModel.Reply.text("codex did it").after(1500));
        f.dm("200", "send cx-1 say something");
        f.awaitPosted(m -> m.text().contains("delivered to cx-1"), Duration.ofSeconds(60));
        f.awaitActivity("cx-1", "working", Duration.ofSeconds(10));
        f.awaitActivity("cx-1", "idle", Duration.ofSeconds(60)); // only notify says so now
        assertThat(f.model.loopRequests()).anySatisfy(r -> assertThat(r.path()).endsWith("/responses"));
        assertThat(f.pane("cx-1")).contains("codex did it"); // idle only once the agent's own turn is done
    }
}
