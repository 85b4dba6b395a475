package dev.mosaic.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.fleet.roster.AgentSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A terminal UI that was busy when Enter came and dropped it (seen with Claude Code on a loaded
 * machine: the text sat on its input line, never submitted): the send presses Enter again.
 */
class SubmitIfStuckTest {

    /**
     * Draws "❯ " + what was typed on its input line; submits on Enter, except for the first
     * {@code $1} Enters, which it drops as a busy UI does.
     */
    static final String TUI = """
            drop=$1; stty -icanon -echo min 1; buf=""; n=0
            draw() { printf '\\r\\033[K\\342\\235\\257\\302\\240%s' "$buf"; }
            draw
            while IFS= read -r -n1 -d '' c; do
              if [ "$c" = $'\\r' ] || [ "$c" = $'\\n' ]; then
                n=$((n + 1))
                if [ "$n" -le "$drop" ]; then continue; fi
                [ -n "$buf" ] && printf '\\r\\033[Ksubmitted: %s\\n' "$buf"
                buf=""; draw
              else
                buf="$buf$c"; draw
              fi
            done
            """;

    @TempDir
    Path home;

    FleetFixture fx;

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private void start(int dropped) throws Exception {
        Path script = Files.writeString(home.resolve("tui.sh"), TUI);
        fx = new FleetFixture(home, 1, List.of(new AgentSpec("tui-1", "coder", "tui", null, null,
                "bash " + script + " " + dropped, Map.of())));
        assertThat(fx.fleet.start(List.of()).failed()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> fx.fleet.capture("tui-1", 5, false).contains("❯\u00a0"));
    }

    @Test
    void aDroppedEnterIsPressedAgainAndTheTextIsSubmittedOnce() throws Exception {
        start(1);
        assertThat(fx.fleet.send("tui-1", "hi mos, how are you?").delivered()).isTrue();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(fx.fleet.capture("tui-1", 20, false))
                .contains("submitted: hi mos, how are you?"));
        assertThat(fx.fleet.capture("tui-1", 20, false).lines()
                .filter(l -> l.equals("submitted: hi mos, how are you?"))).hasSize(1);
    }

    @Test
    void aUiThatTakesTheFirstEnterGetsNoOther() throws Exception {
        start(0);
        assertThat(fx.fleet.send("tui-1", "first").delivered()).isTrue();
        assertThat(fx.fleet.send("tui-1", "second").delivered()).isTrue();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(fx.fleet.capture("tui-1", 20, false))
                .contains("submitted: first", "submitted: second"));
        // no Enter was pressed on an empty line: each text was submitted once, nothing else
        assertThat(fx.fleet.capture("tui-1", 20, false).lines().filter(l -> l.startsWith("submitted: ")))
                .containsExactly("submitted: first", "submitted: second");
    }
}
