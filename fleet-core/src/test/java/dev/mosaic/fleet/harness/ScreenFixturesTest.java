package dev.mosaic.fleet.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.fleet.runtime.RuntimeProfile;
import dev.mosaic.fleet.runtime.RuntimeProfiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The shipped runtime profiles' screen patterns against panes recorded from the pinned harness
 * versions (Claude Code 2.1.328, pi 0.73.1, Codex 0.169.0 in tmux, driven by the fake model):
 * the fallback reading of live state must match what a person sees on each screen.
 */
class ScreenFixturesTest {

    private static final RuntimeProfiles SHIPPED = RuntimeProfiles.shipped();

    static String pane(String path) {
        try (InputStream in = ScreenFixturesTest.class.getResourceAsStream("/panes/" + path)) {
            assertThat(in).as("fixture " + path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}/{1} reads as {2}")
    @CsvSource({
            "claude, claude-2.1.328/idle.txt, idle",
            "claude, claude-2.1.328/working.txt, working",
            "claude, claude-2.1.328/permission-bash.txt, waiting_approval",
            "claude, claude-2.1.328/dialog-trust.txt, waiting_input",
            "claude, claude-2.1.328/question.txt, waiting_input",
            "claude, claude-2.1.328/dialog-api-key.txt, waiting_input",
            "claude, claude-2.1.328/first-run-offline.txt, error",
            "claude, claude-2.1.328/after-deny.txt, idle",
            "pi, pi-0.73.1/idle.txt, idle",
            "codex, codex-0.169.0/idle.txt, idle",
    })
    void theScreenPatternsReadTheRecordedPanes(String runtime, String fixture, String state) {
        RuntimeProfile p = SHIPPED.base(runtime);
        assertThat(p.screen().classify(pane(fixture), p.ready())).contains(state);
    }

    @Test
    void aClaudePermissionPromptIsReadWithItsCommandAndAStableFingerprint() {
        RuntimeProfile p = SHIPPED.base("claude");
        String screen = pane("claude-2.1.328/permission-bash.txt");
        Optional<Approvals.Prompt> prompt = Approvals.read(p, screen, null);
        assertThat(prompt).isPresent();
        assertThat(prompt.get().summary()).contains("echo hi > /tmp/hx/out2.txt");
        assertThat(Approvals.read(p, screen, null).get().fingerprint()).isEqualTo(prompt.get().fingerprint());
        assertThat(Approvals.read(p, pane("claude-2.1.328/idle.txt"), null)).isEmpty();
    }

    @Test
    void theHookPayloadGivesTheSummaryRedacted() {
        RuntimeProfile p = SHIPPED.base("claude");
        String request = "{\"hook_event_name\":\"PermissionRequest\",\"tool_name\":\"Bash\",\"tool_input\":"
                + "{\"command\":\"curl -H 'Authorization: Bearer abcdefghijklmnop' https://x\"}}";
        Approvals.Prompt prompt = Approvals.read(p, pane("claude-2.1.328/permission-bash.txt"), request).orElseThrow();
        assertThat(prompt.summary()).startsWith("Bash: curl").contains("[redacted]").doesNotContain("abcdefghijklmnop");
    }

    @Test
    void aFirstRunDialogIsReportedWithItsText() {
        RuntimeProfile p = SHIPPED.base("claude");
        String excerpt = p.screen().excerpt(pane("claude-2.1.328/dialog-trust.txt"), "waiting_input", 8, 10);
        assertThat(excerpt).contains("trust").contains("No, exit");
    }
}
