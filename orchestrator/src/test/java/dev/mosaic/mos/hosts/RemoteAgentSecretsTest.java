package dev.mosaic.mos.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.testkit.LoopbackConnector;
import dev.mosaic.fleet.ps.StartReport;
import dev.mosaic.mos.testing.ServiceHarness;
import dev.mosaic.mos.testing.TestSshd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent on a remote host (a real sshd on loopback): its secret references are resolved on
 * Mos's machine, the values reach it through the ssh connection's standard input (never a
 * command line, here or there), the env file is gone once it started, and its {@code mos say}
 * over the reverse-forwarded port speaks only as itself.
 */
class RemoteAgentSecretsTest {

    @TempDir
    Path dir;

    TwoHostService f;
    TestSshd sshd;
    final String secret = "remote-secret-" + UUID.randomUUID();
    final String hostile = "r1-" + UUID.randomUUID() + "\n$(touch PWNED-sub) `touch PWNED-bq` \"q\" 's' k=v \\ end\n";
    Path out;

    @BeforeEach
    void setUp() throws Exception {
        assertThat(TestSshd.available()).as("Debian openssh-server must be installed (.ci/run does it)").isTrue();
        sshd = new TestSshd(dir.resolve("sshd"));
        sshd.start();
        f = new TwoHostService(dir.resolve("local"));
        f.environment.put("REMOTE_API_KEY", secret);
        out = Files.createDirectories(sshd.remoteHome.resolve("out"));
        String agent = """
                printf '%s' "$API_KEY" > "$OUT/key"
                printf '%s' "$HOSTILE" > "$OUT/hostile"
                printf '%s ready\\n' "$MOSAIC_AGENT_NAME"
                while IFS= read -r line; do
                  case "$line" in
                    pose*) "$MOSAIC_LAUNCHER" mos say --as mos --to discord:c9 -- "I am Mos"; printf 'pose exit %s\\n' "$?" ;;
                    lie*) MOSAIC_AGENT_NAME=mos "$MOSAIC_LAUNCHER" mos say --to discord:c9 -- "named mos"; printf 'lie exit %s\\n' "$?" ;;
                  esac
                done
                """;
        Files.writeString(f.rosterFile, """
                version: 1
                fleet: { name: twohost, type: demo, comms: tmux }
                hosts:
                %1$sorchestrator:
                  name: mos
                  runtime: agent
                  connectors:
                    discord: { token: "${env:TEST_DISCORD_TOKEN}", guild: "111", channel: "c1" }
                principals:
                  owner: { role: admin, discord: "100" }
                agents:
                  - name: rem-1
                    role: demo
                    runtime: agent
                    host: dragon
                    env:
                      API_KEY: "${env:REMOTE_API_KEY}"
                      HOSTILE: %2$s
                      OUT: "%3$s"
                runtimes:
                %4$s""".formatted(sshd.hostYaml("dragon"), yamlString(hostile), out,
                ServiceHarness.bashRuntime("agent", "demo-agent", agent)));
        f.start();
    }

    /** A YAML double-quoted string. */
    static String yamlString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @AfterEach
    void tearDown() {
        try {
            if (f != null) {
                f.close();
            }
        } finally {
            if (sshd != null) {
                sshd.close();
            }
        }
    }

    @Test
    void secretsReachTheRemoteAgentOffTheCommandLineAndItSpeaksOnlyAsItself() throws Exception {
        StartReport report = f.service.fleet().start(List.of("rem-1"));
        assertThat(report.failed()).isEmpty();
        await().atMost(20, TimeUnit.SECONDS).until(() -> f.service.fleet().capture("rem-1", 20, false)
                .contains("rem-1 ready"));

        assertThat(Files.readString(out.resolve("key"))).isEqualTo(secret);
        assertThat(Files.readString(out.resolve("hostile"))).isEqualTo(hostile);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("PWNED"))).isEmpty();
        }
        Path envDir = sshd.remoteHome.resolve(".local/share/mosaic/run/env");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(envDir)))
                .isEqualTo("rwx------");
        try (Stream<Path> left = Files.list(envDir)) {
            assertThat(left).isEmpty();
        }
        String pid = sshd.remoteTmux("display-message", "-p", "-t", "=rem-1:0.0", "#{pane_pid}").strip();
        String credential = java.util.Arrays.stream(Files.readString(Path.of("/proc", pid, "environ")).split("\0"))
                .filter(v -> v.startsWith("MOSAIC_SAY_TOKEN=")).findFirst().orElseThrow().substring(17);
        assertThat(credential).startsWith("mos1.rem-1.");
        String firstLine = hostile.lines().findFirst().orElseThrow();
        // no process on the machine (ssh clients and server, both tmux servers, the agent) shows a value
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                String cmd;
                try {
                    cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                } catch (IOException gone) {
                    continue;
                }
                assertThat(cmd).as(p + "/cmdline").doesNotContain(secret).doesNotContain(firstLine)
                        .doesNotContain(credential);
            }
        }

        // over the reverse forward: --as refused, a lie about its name posted as itself
        LoopbackConnector chat = f.discord.current();
        f.service.fleet().send("rem-1", "pose");
        await().atMost(60, TimeUnit.SECONDS).until(() -> f.service.fleet().capture("rem-1", 40, false)
                .contains("pose exit 2"));
        assertThat(f.service.fleet().capture("rem-1", 40, false)).contains("--as is refused inside an agent");
        f.service.fleet().send("rem-1", "lie");
        OutboundMessage lie = chat.awaitReply(Duration.ofSeconds(60));
        assertThat(lie.text()).isEqualTo("**rem-1**: named mos");
        assertThat(chat.sent()).noneMatch(m -> m.text().contains("I am Mos"));
    }
}
