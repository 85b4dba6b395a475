package dev.mosaic.mos.chat;

import dev.mosaic.mos.cli.CliContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CliVerbExecutorTest {

    @TempDir
    Path home;

    private static List<List<String>> argv(ChatVerb verb, String... args) {
        return CliVerbExecutor.argv(ChatCommand.of(verb, args));
    }

    @Test
    void mapsEachChatVerbToTheCliVerbThatDefinesIt() {
        assertThat(argv(ChatVerb.PS)).containsExactly(List.of("fleet", "ps"));
        assertThat(argv(ChatVerb.STATUS, "coder-1")).containsExactly(List.of("fleet", "agent", "status", "coder-1"));
        assertThat(argv(ChatVerb.START, "all")).containsExactly(List.of("fleet", "start"));
        assertThat(argv(ChatVerb.START, "coder-1")).containsExactly(List.of("fleet", "agent", "start", "coder-1"));
        assertThat(argv(ChatVerb.STOP, "all")).containsExactly(List.of("fleet", "stop"));
        assertThat(argv(ChatVerb.STOP, "coder-1")).containsExactly(List.of("fleet", "agent", "stop", "coder-1"));
        assertThat(argv(ChatVerb.RESTART, "coder-1")).containsExactly(List.of("fleet", "agent", "restart", "coder-1"));
        assertThat(argv(ChatVerb.RESTART, "all")).containsExactly(List.of("fleet", "stop"), List.of("fleet", "start"));
        assertThat(argv(ChatVerb.SEND, "coder-1", "fix the bug; then test"))
                .containsExactly(List.of("fleet", "agent", "send", "coder-1", "fix the bug; then test"));
        assertThat(argv(ChatVerb.SEND, "coder-1", "run", "the", "tests"))
                .containsExactly(List.of("fleet", "agent", "send", "coder-1", "run the tests"));
        assertThat(argv(ChatVerb.SEND, "coder-1", "--help"))
                .containsExactly(List.of("fleet", "agent", "send", "coder-1", "--", "--help"));
        assertThat(argv(ChatVerb.TAIL, "coder-1")).containsExactly(List.of("fleet", "agent", "tail", "coder-1"));
        assertThat(argv(ChatVerb.TAIL, "coder-1", "50")).containsExactly(List.of("fleet", "agent", "tail", "coder-1", "-n", "50"));
        assertThat(argv(ChatVerb.ADD, "coder-3", "runtime=codex", "role=coder", "host=dragon-lin", "workdir=~/src/app"))
                .containsExactly(List.of("fleet", "agent", "add", "coder-3", "--runtime", "codex", "--role", "coder",
                        "--host", "dragon-lin", "--workdir", "~/src/app"));
        assertThat(argv(ChatVerb.REMOVE, "coder-2")).containsExactly(List.of("fleet", "agent", "remove", "coder-2"));
        assertThat(argv(ChatVerb.COMMS)).containsExactly(List.of("fleet", "comms"));
        assertThat(argv(ChatVerb.COMMS, "matrix")).containsExactly(List.of("fleet", "comms", "matrix"));
    }

    @Test
    void refusesArgumentsTheCliMustNotSee() {
        assertThatThrownBy(() -> argv(ChatVerb.STATUS, "--roster=/tmp/evil.yaml"))
                .isInstanceOf(ChatException.class).hasMessageContaining("'--roster=/tmp/evil.yaml' is not an agent name");
        assertThatThrownBy(() -> argv(ChatVerb.ADD, "coder-3", "shell=rm"))
                .isInstanceOf(ChatException.class).hasMessageContaining("'shell=rm' is not an option");
        assertThatThrownBy(() -> argv(ChatVerb.ADD, "coder-3", "runtime=--evil"))
                .isInstanceOf(ChatException.class).hasMessageContaining("runtime=");
        assertThatThrownBy(() -> argv(ChatVerb.TAIL, "coder-1", "lots"))
                .isInstanceOf(ChatException.class).hasMessageContaining("'lots' is not a number");
        assertThatThrownBy(() -> argv(ChatVerb.COMMS, "carrier-pigeon"))
                .isInstanceOf(ChatException.class).hasMessageContaining("use tmux or matrix");
        assertThatThrownBy(() -> argv(ChatVerb.STATUS))
                .isInstanceOf(ChatException.class).hasMessageContaining("usage: status <agent>");
    }

    @Test
    void capturesWhatTheCliPrintsAndHowItEnded() {
        StringWriter terminal = new StringWriter();
        CliContext base = new CliContext(Map.of("MOSAIC_HOME", home.toString()), home, Clock.systemUTC(), true,
                "cli:test", InputStream.nullInputStream(), new PrintWriter(terminal), new PrintWriter(terminal));
        CliVerbExecutor executor = new CliVerbExecutor(base);

        VerbExecutor.Result version = executor.run("discord:42", List.of("--version"));
        assertThat(version.ok()).isTrue();
        assertThat(version.output()).contains("mosaic 0.1.0");

        VerbExecutor.Result help = executor.run("discord:42", List.of("fleet", "agent", "--help"));
        assertThat(help.output()).contains("Usage: mosaic fleet agent", "send", "tail");

        VerbExecutor.Result usage = executor.run("discord:42", List.of("fleet", "no-such-verb"));
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.error()).contains("no-such-verb");

        assertThat(terminal.toString()).as("nothing leaks to the service's own terminal").isEmpty();
    }
}
