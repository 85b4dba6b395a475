package dev.mosaic.mos.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.fleet.engine.Launcher;
import dev.mosaic.mos.testing.CliRun;
import dev.mosaic.mos.testing.TestSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's side of a second machine, against a real sshd: {@code fleet install --host} puts the
 * launcher there once, {@code fleet verify} checks the host, host keys are trusted on first use
 * into Mos's own known-hosts file and a changed key is refused with how to re-trust it.
 */
class HostProvisioningTest {

    @TempDir
    Path dir;

    TestSshd sshd;
    Path home;
    Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        assertThat(TestSshd.available()).as("Debian openssh-server must be installed (.ci/run does it)").isTrue();
        sshd = new TestSshd(dir.resolve("sshd"));
        sshd.start();
        home = dir.resolve("mosaic-home");
        Files.createDirectories(home.resolve("fleet"));
        writeRoster("cat", "");
        env.put("MOSAIC_HOME", home.toString());
        env.put("MOSAIC_TMUX_SOCKET", "mosaic-test-prov");
        env.put("HOME", dir.toString());
    }

    /** One remote agent rem-1 on dragon running {@code runtime}; {@code moreRuntimes} are extra lines under runtimes:. */
    void writeRoster(String runtime, String moreRuntimes) throws Exception {
        Files.writeString(home.resolve("fleet/roster.yaml"), """
                version: 1
                fleet: { name: twohost, type: demo }
                hosts:
                %sorchestrator: { name: mos, runtime: cat }
                agents:
                  - { name: rem-1, role: demo, runtime: %s, host: dragon }
                runtimes:
                  cat: { command: [cat] }
                %s""".formatted(sshd.hostYaml("dragon"), runtime, moreRuntimes));
    }

    @AfterEach
    void tearDown() {
        sshd.close();
    }

    CliRun cli(String... args) {
        return CliRun.run(env, dir, Clock.systemUTC(), "cli:tester", "", args);
    }

    @Test
    void installIsIdempotentAndVerifyChecksTheHost() {
        CliRun before = cli("fleet", "verify");
        assertThat(before.out()).contains("ok    host dragon reachable over ssh")
                .contains("fail  launcher/heartbeat sidecar on host dragon is not installed")
                .contains("mosaic fleet install --host dragon");

        CliRun first = cli("fleet", "install", "--host", "dragon");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("host dragon: launcher/heartbeat sidecar " + Launcher.version()
                + " installed in " + sshd.remoteHome.resolve(".local/share/mosaic"));
        Path installed = sshd.remoteHome.resolve(".local/share/mosaic/bin/mosaic-agent-launch");
        assertThat(installed).isExecutable().hasBinaryContent(Launcher.content());

        CliRun again = cli("fleet", "install", "--host", "dragon");
        assertThat(again.out()).contains("already in");

        CliRun after = cli("fleet", "verify");
        assertThat(after.out()).contains("ok    launcher/heartbeat sidecar " + Launcher.version()
                + " installed on host dragon").contains("is writable on host dragon")
                .containsPattern("ok +tmux \\d").contains("runtime command 'cat' found on host dragon");

        CliRun unknownHost = cli("fleet", "install", "--host", "nope");
        assertThat(unknownHost.code()).isEqualTo(1);
        assertThat(unknownHost.err()).contains("host 'nope' is not a remote host");
    }

    @Test
    void hostKeysAreTrustedOnFirstUseAndAChangedKeyIsRefusedWithHowToReTrustIt() throws Exception {
        CliRun ps = cli("fleet", "ps");
        assertThat(ps.code()).as(ps.err()).isZero();
        assertThat(ps.out()).contains("rem-1").contains("stopped");
        Path knownHosts = home.resolve("ssh/known_hosts");
        assertThat(Files.readString(knownHosts)).contains("[127.0.0.1]:" + sshd.port);

        // the machine is reinstalled: a new host key on the same address
        sshd.stop();
        Files.delete(sshd.dir.resolve("host_key"));
        Files.delete(sshd.dir.resolve("host_key.pub"));
        new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", sshd.dir.resolve("host_key").toString())
                .start().waitFor();
        sshd.start();

        CliRun changed = cli("fleet", "ps");
        assertThat(changed.out()).contains("! host dragon: its ssh host key has changed since Mos first trusted it;"
                + " if the change is expected, re-trust it with: ssh-keygen -R '[127.0.0.1]:" + sshd.port + "' -f "
                + knownHosts);

        // following the advice re-trusts the new key on the next connection
        assertThat(new ProcessBuilder("ssh-keygen", "-R", "[127.0.0.1]:" + sshd.port, "-f", knownHosts.toString())
                .start().waitFor()).isZero();
        CliRun retrusted = cli("fleet", "ps");
        assertThat(retrusted.out()).contains("stopped").doesNotContain("host key");
    }

    @Test
    void aRemoteAgentStartsTheHarnessFromMosPrefixThereWhenItIsInstalled() throws Exception {
        writeRoster("tool", "  tool: { command: [mosaic-test-tool], prefix: \"~/.local/share/mosaic/harnesses/{runtime}\","
                + " bin: bin/mosaic-test-tool }\n");
        // not on dragon's PATH, not in the prefix: a clear failure naming the host
        CliRun missing = cli("fleet", "start", "rem-1");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.out() + missing.err()).contains("runtime command 'mosaic-test-tool' (runtime tool) is not on PATH"
                + " on host dragon");

        // what `mosaic fleet update` installs there: <prefix>/<bin>
        Path bin = sshd.remoteHome.resolve(".local/share/mosaic/harnesses/tool/bin/mosaic-test-tool");
        Files.createDirectories(bin.getParent());
        Files.writeString(bin, "#!/bin/sh\necho \"tool from the prefix: $0\"\nexec cat\n");
        Files.setPosixFilePermissions(bin, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        CliRun started = cli("fleet", "start", "rem-1");
        assertThat(started.code()).as(started.out() + started.err()).isZero();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> sshd.remoteTmux(
                "capture-pane", "-p", "-t", "=rem-1:0.0").contains("tool from the prefix: " + bin));
        cli("fleet", "stop", "rem-1");
    }
}
