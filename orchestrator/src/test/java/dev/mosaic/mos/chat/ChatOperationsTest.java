package dev.mosaic.mos.chat;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.roster.Comms;
import dev.mosaic.mos.app.AppException;
import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.app.Verb;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.MosaicCli;
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

/** The chat door parses into the same typed operations the CLI and the web run. */
class ChatOperationsTest {

    @TempDir
    Path home;

    private static Operation op(Verb verb, String... args) {
        return ChatOperations.parse(ChatCommand.of(verb, args));
    }

    @Test
    void mapsEachChatVerbToTheOperationThatDefinesIt() {
        assertThat(op(Verb.PS)).isEqualTo(new Operation.Ps());
        assertThat(op(Verb.STATUS, "coder-1")).isEqualTo(new Operation.Status("coder-1"));
        assertThat(op(Verb.START, "all")).isEqualTo(new Operation.Start(List.of()));
        assertThat(op(Verb.START, "coder-1")).isEqualTo(new Operation.StartAgent("coder-1"));
        assertThat(op(Verb.STOP, "all")).isEqualTo(new Operation.Stop(List.of()));
        assertThat(op(Verb.STOP, "coder-1")).isEqualTo(new Operation.StopAgent("coder-1"));
        assertThat(op(Verb.RESTART, "coder-1")).isEqualTo(new Operation.RestartAgent("coder-1"));
        assertThat(op(Verb.RESTART, "all")).isEqualTo(new Operation.RestartAll());
        assertThat(op(Verb.SEND, "coder-1", "fix the bug; then test"))
                .isEqualTo(new Operation.Send("coder-1", "fix the bug; then test"));
        assertThat(op(Verb.SEND, "coder-1", "run", "the", "tests")).isEqualTo(new Operation.Send("coder-1", "run the tests"));
        assertThat(op(Verb.SEND, "coder-1", "--help")).as("text that looks like an option is still text")
                .isEqualTo(new Operation.Send("coder-1", "--help"));
        assertThat(op(Verb.TAIL, "coder-1")).isEqualTo(new Operation.Tail("coder-1", Operation.Tail.DEFAULT_LINES));
        assertThat(op(Verb.TAIL, "coder-1", "50")).isEqualTo(new Operation.Tail("coder-1", 50));
        assertThat(op(Verb.ADD, "coder-3", "runtime=codex", "role=coder", "host=dragon-lin", "workdir=~/src/app"))
                .isEqualTo(new Operation.Add("coder-3", "codex", "coder", "dragon-lin", "~/src/app", null));
        assertThat(op(Verb.REMOVE, "coder-2")).isEqualTo(new Operation.Remove("coder-2"));
        assertThat(op(Verb.COMMS)).isEqualTo(new Operation.SetComms(null));
        assertThat(op(Verb.COMMS, "matrix")).isEqualTo(new Operation.SetComms(Comms.MATRIX));
    }

    @Test
    void destructiveOperationsSayWhatTheyDestroyAndReadAsTyped() {
        assertThat(op(Verb.REMOVE, "coder-2").danger()).isEqualTo("This removes coder-2 from the roster.");
        assertThat(op(Verb.STOP, "all").danger()).isEqualTo("This stops every agent of the fleet.");
        assertThat(op(Verb.STOP, "coder-1").danger()).isNull();
        assertThat(op(Verb.COMMS).danger()).isNull();
        assertThat(op(Verb.SEND, "coder-1", "run tests").display()).isEqualTo("send coder-1 \"run tests\"");
    }

    @Test
    void refusesBadArgumentsAsInvalid() {
        assertThatThrownBy(() -> op(Verb.STATUS, "--roster=/tmp/evil.yaml"))
                .isInstanceOf(AppException.class).hasMessageContaining("'--roster=/tmp/evil.yaml' is not an agent name");
        assertThatThrownBy(() -> op(Verb.ADD, "coder-3", "shell=rm"))
                .isInstanceOf(AppException.class).hasMessageContaining("'shell=rm' is not an option");
        assertThatThrownBy(() -> op(Verb.ADD, "coder-3", "runtime=--evil"))
                .isInstanceOf(AppException.class).hasMessageContaining("runtime=");
        assertThatThrownBy(() -> op(Verb.TAIL, "coder-1", "lots"))
                .isInstanceOf(AppException.class).hasMessageContaining("'lots' is not a number");
        assertThatThrownBy(() -> op(Verb.COMMS, "carrier-pigeon"))
                .isInstanceOf(AppException.class).hasMessageContaining("use tmux or matrix");
        assertThatThrownBy(() -> op(Verb.STATUS))
                .isInstanceOf(AppException.class).hasMessageContaining("usage: status <agent>")
                .satisfies(e -> assertThat(((MosaicException) e).kind()).isEqualTo(MosaicException.Kind.INVALID));
    }

    @Test
    void theCliStillAnswersVersionHelpAndUsageOnItsOwnStreams() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext cli = new CliContext(Map.of("MOSAIC_HOME", home.toString()), home, Clock.systemUTC(), false,
                "cli:test", InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err));

        assertThat(MosaicCli.run(cli, "--version")).isZero();
        assertThat(out.toString()).contains("mosaic 0.1.0");
        assertThat(MosaicCli.run(cli, "fleet", "agent", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: mosaic fleet agent", "send", "tail");
        assertThat(MosaicCli.run(cli, "fleet", "no-such-verb")).isEqualTo(2);
        assertThat(err.toString()).contains("no-such-verb");
    }
}
