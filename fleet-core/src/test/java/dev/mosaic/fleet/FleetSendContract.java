package dev.mosaic.fleet;

import static dev.mosaic.fleet.FleetFixture.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mosaic.fleet.ps.AgentState;
import dev.mosaic.fleet.ps.SendResult;
import dev.mosaic.fleet.roster.AgentSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Texts arrive (over a control-mode connection or one process per call) in a pane running {@code cat} exactly as written; nothing is read as keys or shell. */
abstract class FleetSendContract {

    @TempDir
    static Path home;

    static FleetFixture fx;

    static void startAgents(boolean controlMode) {
        // cat -v shows control bytes visibly, so a stray key press (C-c, Escape) would be noticed
        fx = new FleetFixture(home, 1, List.of(agent("cat-1", "cat"), agent("cat-2", "cat"), agent("keys-1", "cat"),
                new AgentSpec("slow-1", "coder", "slow", null, null, null, Map.of()),
                // what the terminal passed on, byte for byte, lands in a file (the tty still echoes it to the pane)
                agent("rec-1", "sh -c 'exec cat > \"$0\"' " + home.resolve("rec-1.bytes")),
                agent("rec-2", "sh -c 'exec cat > \"$0\"' " + home.resolve("rec-2.bytes")),
                // a terminal that swallows input: echo off and nobody reads; echo off and a reader that prints nothing
                agent("deaf-1", "sh -c 'stty -echo; exec sleep 600'"),
                agent("deaf-2", "sh -c 'stty -echo; exec cat > /dev/null'")), controlMode);
        assertThat(fx.fleet.start(List.of()).failed()).isEmpty();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void keyNamesAndShellSyntaxArriveLiterally() {
        Path marker = home.resolve("x-marker");
        List<String> texts = List.of("C-c", "Enter", "$(touch " + marker + ")", "a;", "`touch " + marker + "`",
                "Escape", "-l starts with a dash", "ends with backslash semicolon \\;");
        for (String text : texts) {
            SendResult r = fx.fleet.send("cat-1", text);
            assertThat(r.delivered()).as(text).isTrue();
            assertThat(r.method()).isEqualTo("keys");
        }
        // the tty echoes the line and cat prints it back: the literal text shows up twice (cat's copy may lag)
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String pane = fx.fleet.capture("cat-1", 100, false);
            for (String text : texts) {
                assertThat(pane.lines().filter(l -> l.equals(text)).count()).as(text).isEqualTo(2);
            }
        });
        assertThat(marker).doesNotExist();
    }

    /** Texts a person or an agent may well send, which a shell, tmux's parser or a format would mangle. */
    static final List<String> HOSTILE = List.of("it's", "'single' \"double\"", "$HOME", "${X}", "#{pane_id}",
            "#(touch /tmp/mosaic-hostile)", "~", "~/x", "tab\there", "\ttab first", "✓ 日本語 🎉",
            "C-c", "Enter", "$(id)", "a;", "`id`", "Escape", "-l starts with a dash", "ends with backslash semicolon \\;",
            "%begin 1 2 3", "\\ backslash \\\\ two", "semicolon ; in the middle", "line ending in #",
            // a 3,000-character line: several screen rows in the pane (the tty's line limit is 4,095 bytes)
            "x".repeat(1000) + " ✓ " + "y".repeat(1000) + " '$HOME' " + "z".repeat(988));

    @Test
    void hostileAndNonAsciiTextsArriveByteForByte() throws Exception {
        assertThat(HOSTILE.get(HOSTILE.size() - 1)).hasSize(3000);
        assertThat(fx.fleet.send("rec-1", "warm up").delivered()).isTrue();
        String clientsBefore = fx.tmux("list-clients", "-F", "#{client_control_mode} #{client_pid}");
        StringBuilder expected = new StringBuilder("warm up\n");
        for (String text : HOSTILE) {
            SendResult r = fx.fleet.send("rec-1", text);
            assertThat(r.delivered()).as(text).isTrue();
            assertThat(r.removedControlChars()).as(text).isZero();
            expected.append(text).append('\n');
        }
        Path bytes = home.resolve("rec-1.bytes");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Files.readString(bytes, StandardCharsets.UTF_8)).isEqualTo(expected.toString()));
        // the same transport carried every text: a control-mode client that broke on one would have been replaced
        assertThat(fx.tmux("list-clients", "-F", "#{client_control_mode} #{client_pid}")).isEqualTo(clientsBefore);
        assertThat(Path.of("/tmp/mosaic-hostile")).doesNotExist();
    }

    @Test
    void hostileTextsPastedAsOneMultiLineTextArriveByteForByte() throws Exception {
        String text = String.join("\n", HOSTILE);
        SendResult r = fx.fleet.send("rec-2", text);
        assertThat(r.delivered()).isTrue();
        assertThat(r.method()).isEqualTo("paste");
        Path bytes = home.resolve("rec-2.bytes");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Files.readString(bytes, StandardCharsets.UTF_8)).isEqualTo(text + "\n"));
    }

    @Test
    void aTerminalThatSwallowsTheTextIsReportedNotDelivered() {
        SendResult sleeping = fx.fleet.send("deaf-1", "anyone there?");
        assertThat(sleeping.delivered()).as("echo off, nobody reads").isFalse();
        SendResult reading = fx.fleet.send("deaf-2", "read but never shown\nsecond line");
        assertThat(reading.delivered()).as("echo off, read and thrown away").isFalse();
        assertThat(fx.fleet.capture("deaf-1", 20, false)).doesNotContain("anyone there?");
    }

    @Test
    void multiLineTextGoesThroughAUniqueBufferThatIsDeleted() {
        SendResult r = fx.fleet.send("cat-2", "first line\r\nsecond; line\nthird C-c line;\n");
        assertThat(r.delivered()).isTrue();
        assertThat(r.method()).isEqualTo("paste");
        assertThat(r.removedControlChars()).isEqualTo(1);
        String pane = fx.fleet.capture("cat-2", 50, false);
        assertThat(pane).contains("first line\n").contains("second; line\n").contains("third C-c line;\n");
        assertThat(fx.tmux("list-buffers", "-F", "#{buffer_name}")).doesNotContain("mosaic-");
    }

    @Test
    void enterFollowsAfterTheRuntimeDelay() {
        SendResult r = fx.fleet.send("slow-1", "delayed enter");
        assertThat(r.delivered()).isTrue();
        // cat only prints the line back once Enter arrived
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(
                fx.fleet.capture("slow-1", 20, false).lines().filter("delayed enter"::equals).count()).isEqualTo(2));
    }

    @Test
    void sendingTheSameTextTwiceIsVerifiedEachTime() {
        assertThat(fx.fleet.send("cat-1", "again and again").delivered()).isTrue();
        assertThat(fx.fleet.send("cat-1", "again and again").delivered()).isTrue();
    }

    @Test
    void controlCharactersAreDroppedAndEmptyTextRefused() {
        SendResult r = fx.fleet.send("cat-2", "bell\u0007 and esc\u001b[31m red");
        assertThat(r.removedControlChars()).isEqualTo(2);
        assertThat(fx.fleet.capture("cat-2", 10, false)).contains("bell and esc[31m red");
        assertThatThrownBy(() -> fx.fleet.send("cat-2", "\r\n\u0007")).isInstanceOf(FleetException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void namedKeysAreAllowListedAndAPastedTextIntoADeadPaneIsRefused() {
        assertThatThrownBy(() -> fx.fleet.sendKeys("keys-1", List.of("Enter", "rm -rf")))
                .isInstanceOf(FleetException.class).hasMessageContaining("'rm -rf' is not allowed");
        fx.fleet.sendKeys("keys-1", List.of("C-d"));
        await().atMost(Duration.ofSeconds(5)).until(() -> fx.fleet.status("keys-1").state() == AgentState.CRASHED);
        assertThatThrownBy(() -> fx.fleet.send("keys-1", "two\nlines")).hasMessageContaining("crashed");
        assertThatThrownBy(() -> fx.fleet.send("keys-1", "one line")).hasMessageContaining("crashed");
        assertThat(fx.fleet.status("cat-1").state()).isEqualTo(AgentState.RUNNING);
    }

    @Test
    void captureWithColoursKeepsEscapes() throws Exception {
        Files.writeString(home.resolve("colour.txt"), "\u001b[31mred\u001b[0m\n");
        Path work = home;
        List<AgentSpec> agents = new java.util.ArrayList<>(fx.roster.get().agents());
        agents.add(new AgentSpec("colour", "coder", "shell", work.toString(), null, "sh -c \"cat colour.txt; exec cat\"",
                Map.of()));
        fx.roster.set(FleetFixture.roster(agents));
        fx.fleet.start(List.of("colour"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(fx.fleet.capture("colour", 5, true)).contains("\u001b[31mred"));
        assertThat(fx.fleet.capture("colour", 5, false)).contains("red").doesNotContain("\u001b");
    }
}
