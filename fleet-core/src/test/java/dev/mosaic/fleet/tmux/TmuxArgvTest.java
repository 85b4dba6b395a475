package dev.mosaic.fleet.tmux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.fleet.roster.HostSpec;
import dev.mosaic.fleet.ssh.SshHosts;
import dev.mosaic.fleet.ssh.SshSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TmuxArgvTest {

    @TempDir
    Path dir;

    @Test
    void localArgvAlwaysNamesThePrivateSocket() {
        Tmux t = new Tmux(new ProcessCommandRunner(), "mosaic-real");
        assertThat(t.argv(List.of(List.of("list-panes", "-a")))).containsExactly("tmux", "-u", "-L", "mosaic-real", "list-panes", "-a");
        assertThat(Tmux.target("coder-1")).isEqualTo("=coder-1:0.0");
    }

    @Test
    void remoteArgvIsOneShellQuotedStringAfterSsh() {
        SshHosts hosts = new SshHosts(SshSettings.cli(dir, Path.of("/home/u")),
                new ProcessCommandRunner());
        Tmux t = new Tmux(new ProcessCommandRunner(), "mosaic-real",
                hosts.get(new HostSpec("dragon", "coder@dragon", null)), false);
        List<String> argv = t.argv(List.of(List.of("send-keys", "-t", "=a:0.0", "-l", "--", "it's $(touch /tmp/x); `id`"), List.of("send-keys", "-t", "=a:0.0", "a;")));
        assertThat(argv.get(0)).isEqualTo("ssh");
        assertThat(argv).contains("BatchMode=yes", "ControlMaster=no", "StrictHostKeyChecking=accept-new",
                "UserKnownHostsFile=" + dir.resolve("ssh/known_hosts"));
        assertThat(argv.subList(argv.size() - 3, argv.size() - 1)).containsExactly("coder@dragon", "--");
        assertThat(argv.get(argv.size() - 1)).isEqualTo("tmux -u -L mosaic-real send-keys -t =a:0.0 -l -- "
                + "'it'\\''s $(touch /tmp/x); `id`' ';' send-keys -t =a:0.0 'a\\;'");
    }

    @Test
    void quotedArgumentsSurviveARealShellUnchanged() {
        List<String> nasty = List.of("plain", "", "two words", "it's", "$(touch /tmp/mosaic-x)", "a;b", "\"q\"",
                "back\\slash", "new\nline", "*", "~", "-n");
        // printf prints each argument on its own NUL-terminated record: what the remote side would get
        String script = "printf '%s\\0' " + ShellQuote.join(nasty);
        CommandResult r = new ProcessCommandRunner().run(List.of("sh", "-c", script), null, Duration.ofSeconds(5));
        assertThat(r.stdout().split("\0", -1)).containsExactly(
                "plain", "", "two words", "it's", "$(touch /tmp/mosaic-x)", "a;b", "\"q\"", "back\\slash", "new\nline",
                "*", "~", "-n", "");
    }

    @Test
    void trailingSemicolonIsEscapedForTmuxsParser() {
        assertThat(Tmux.literalArg("a;")).isEqualTo("a\\;");
        assertThat(Tmux.literalArg("a;b")).isEqualTo("a;b");
    }

    @Test
    void theTestSuiteCanNeverReachTheProductionSocket() {
        // surefire marks every test JVM with -Dmosaic.test=true (root pom); a forgotten MOSAIC_TMUX_SOCKET fails here
        assertThat(Boolean.getBoolean(Tmux.TEST_MODE_PROPERTY)).as("surefire sets -Dmosaic.test=true").isTrue();
        assertThatThrownBy(() -> new Tmux(new ProcessCommandRunner(), "mosaic-factory"))
                .isInstanceOf(TmuxException.class).hasMessageContaining("production tmux socket 'mosaic-factory'")
                .hasMessageContaining("MOSAIC_TMUX_SOCKET");
        SshHosts hosts = new SshHosts(SshSettings.cli(dir, Path.of("/home/u")),
                new ProcessCommandRunner());
        assertThatThrownBy(() -> new Tmux(new ProcessCommandRunner(), "mosaic-factory",
                hosts.get(new HostSpec("dragon", "coder@dragon", null)), false))
                .isInstanceOf(TmuxException.class);
    }
}
