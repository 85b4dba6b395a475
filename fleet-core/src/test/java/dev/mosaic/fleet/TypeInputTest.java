package dev.mosaic.fleet;

import static dev.mosaic.fleet.FleetFixture.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mosaic.fleet.ps.SendResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A person's butt-in ({@link Fleet#type}) arrives literally, and an automated send waits for them to pause. */
class TypeInputTest {

    @TempDir
    static Path home;

    static FleetFixture fx;

    @BeforeAll
    static void startAgents() {
        fx = new FleetFixture(home, 1, List.of(agent("cat-1", "cat"), agent("cat-2", "cat")));
        assertThat(fx.fleet.start(List.of()).failed()).isEmpty();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void typedTextIsLiteralAndKeysArePressed() {
        fx.fleet.type("cat-1", "C-c $(echo hi);", List.of("Enter"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                // the tty echoes the line and cat prints it back
                assertThat(fx.fleet.capture("cat-1", 50, false).lines()
                        .filter("C-c $(echo hi);"::equals).count()).isEqualTo(2));
    }

    @Test
    void aTrailingNewlineInTypedTextPressesEnter() {
        // issue 11 row 19: "a line\n" typed into the page used to arrive without its Enter
        fx.fleet.type("cat-1", "ends with a newline\n", List.of());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                // the Enter reached cat: it printed the line back (tty echo + cat's copy)
                assertThat(fx.fleet.capture("cat-1", 50, false).lines()
                        .filter("ends with a newline"::equals).count()).isEqualTo(2));
    }

    @Test
    void keysOutsideTheAllowListAndEmptyInputAreRefused() {
        assertThatThrownBy(() -> fx.fleet.type("cat-1", "", List.of("kill-server")))
                .isInstanceOf(FleetException.class).hasMessageContaining("key 'kill-server' is not allowed");
        assertThatThrownBy(() -> fx.fleet.type("cat-1", "", List.of()))
                .isInstanceOf(FleetException.class).hasMessageContaining("nothing to type");
    }

    @Test
    void anAutomatedSendWaitsWhileAPersonTypesSoTheirLinesDoNotInterleave() {
        fx.fleet.type("cat-2", "half a line from a person", List.of());
        CompletableFuture<SendResult> bot = CompletableFuture.supplyAsync(() -> fx.fleet.send("cat-2", "bot line"));
        // while the lease runs, the bot's text has not reached the pane
        assertThat(fx.fleet.typingLease().held("cat-2")).isTrue();
        assertThat(fx.fleet.capture("cat-2", 50, false)).doesNotContain("bot line");
        fx.fleet.type("cat-2", " finished", List.of("Enter"));
        assertThat(bot.join().delivered()).isTrue();
        List<String> lines = fx.fleet.capture("cat-2", 50, false).lines().toList();
        assertThat(lines).contains("half a line from a person finished", "bot line");
        assertThat(lines.indexOf("half a line from a person finished")).isLessThan(lines.indexOf("bot line"));
    }
}
