package dev.mosaic.mos.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.testkit.LoopbackConnector;
import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.heartbeat.Health;
import dev.mosaic.fleet.ps.AgentState;
import dev.mosaic.fleet.ps.AgentStatus;
import dev.mosaic.fleet.ps.StartReport;
import dev.mosaic.mos.service.LocalClient;
import dev.mosaic.mos.testing.CliRun;
import dev.mosaic.mos.testing.ServiceHarness;
import dev.mosaic.mos.testing.TestSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet on two machines: local agents on this machine's private tmux server and remote agents
 * on host "dragon", a real sshd on loopback with its own HOME, MOSAIC_HOME and tmux server. The
 * real service (loopback chat platform) and the real CLI command both alike.
 */
class RemoteHostEndToEndTest {

    /** Everything a hostile workdir or chat text could use to run a command. */
    static final String HOSTILE_DIR = "w #(touch PWNED-fmt) #{pane_id} $(touch PWNED-sub) `touch PWNED-bq`; x";
    static final String HOSTILE_TEXT = "it's $(touch /tmp/PWNED) `id`; #{pane_id} #(id) Enter C-c \"q\";";

    @TempDir
    Path dir;

    TwoHostService f;
    TestSshd sshd;
    Path localWork;

    @BeforeEach
    void setUp() throws Exception {
        assertThat(TestSshd.available()).as("Debian openssh-server must be installed (.ci/run does it)").isTrue();
        sshd = new TestSshd(dir.resolve("sshd"));
        sshd.start();
        f = new TwoHostService(dir.resolve("local"));
        localWork = Files.createDirectories(dir.resolve("local").resolve(HOSTILE_DIR));
        Files.createDirectories(sshd.remoteHome.resolve(HOSTILE_DIR));
        String echo = """
                printf '%s ready in %s\\n' "$MOSAIC_AGENT_NAME" "$PWD"
                printf '%s runs mosaic from %s\\n' "$MOSAIC_AGENT_NAME" "$(command -v mosaic)"
                while IFS= read -r line; do
                  printf '%s got: %s\\n' "$MOSAIC_AGENT_NAME" "$line"
                  case "$line" in answer*) mosaic mos say -- "heard: $line" || printf 'reply failed\\n' ;; esac
                done
                """;
        Files.writeString(f.rosterFile, """
                version: 1
                fleet: { name: twohost, type: demo, comms: tmux }
                hosts:
                %1$sorchestrator:
                  name: mos
                  runtime: echo
                  connectors:
                    discord: { token: "${env:TEST_DISCORD_TOKEN}", guild: "111", channel: "c1" }
                principals:
                  owner: { role: admin, discord: "100", console: tester }
                agents:
                  - { name: loc-1, role: demo, runtime: echo, workdir: "%2$s" }
                  - { name: rem-1, role: demo, runtime: echo, host: dragon, workdir: "~/%3$s" }
                  - { name: rem-2, role: demo, runtime: echo, host: dragon, workdir: "%4$s" }
                runtimes:
                %5$s""".formatted(sshd.hostYaml("dragon"), localWork, HOSTILE_DIR,
                sshd.remoteHome.resolve(HOSTILE_DIR), ServiceHarness.bashRuntime("echo", "demo-echo", echo)));
        f.start();
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

    Fleet fleet() {
        return f.service.fleet();
    }

    AgentStatus row(String agent) {
        return fleet().ps().agent(agent).orElseThrow();
    }

    @Test
    void localAndRemoteAgentsStartAnswerAndSurviveTheRemoteHostGoingAway() throws Exception {
        StartReport report = fleet().start(List.of());
        assertThat(report.failed()).isEmpty();
        assertThat(report.started()).contains("loc-1", "rem-1", "rem-2");

        // both run in their literal (hostile) working directory; nothing in it was executed
        await().atMost(20, TimeUnit.SECONDS).until(() -> f.pane("loc-1").contains("loc-1 ready in " + localWork));
        await().atMost(20, TimeUnit.SECONDS).until(() -> fleet().capture("rem-1", 20, false)
                .contains("rem-1 ready in " + sshd.remoteHome.resolve(HOSTILE_DIR)));
        assertThat(sshd.remoteTmux("capture-pane", "-p", "-t", "=rem-2:0.0"))
                .contains("rem-2 ready in " + sshd.remoteHome.resolve(HOSTILE_DIR));
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("PWNED"))).isEmpty();
        }

        // the launcher and sidecar were put on the remote host; heartbeats are healthy on both hosts
        assertThat(sshd.remoteHome.resolve(".local/share/mosaic/bin/mosaic-agent-launch")).isExecutable();
        await().atMost(15, TimeUnit.SECONDS).untilAsserted(() -> {
            for (String a : List.of("loc-1", "rem-1", "rem-2")) {
                AgentStatus s = row(a);
                assertThat(s.state()).as(a).isEqualTo(AgentState.RUNNING);
                assertThat(s.heartbeat().health()).as(a + " " + s.heartbeat()).isEqualTo(Health.HEALTHY);
            }
        });
        assertThat(row("rem-1").host()).isEqualTo("dragon");
        assertThat(sshd.remoteHome.resolve(".local/share/mosaic/run/rem-1.heartbeat")).exists();
        assertThat(f.home.resolve("fleet/run/rem-1.heartbeat")).doesNotExist();

        // hostile text arrives literally on the remote side, through the real CLI
        CliRun send = f.cli(Map.of(), "fleet", "agent", "send", "rem-1", "--", HOSTILE_TEXT);
        assertThat(send.code()).as(send.err()).isZero();
        await().atMost(15, TimeUnit.SECONDS).until(() -> fleet().capture("rem-1", 20, false)
                .contains("rem-1 got: " + HOSTILE_TEXT));
        CliRun tail = f.cli(Map.of(), "fleet", "agent", "tail", "rem-1", "-n", "5");
        assertThat(tail.code()).as(tail.err()).isZero();
        assertThat(tail.out()).contains("rem-1 got: " + HOSTILE_TEXT);
        assertThat(Path.of("/tmp/PWNED")).doesNotExist();
        CliRun ps = f.cli(Map.of(), "fleet", "ps");
        assertThat(ps.code()).as(ps.err()).isZero();
        assertThat(ps.out()).contains("rem-1", "dragon", "loc-1");

        // a remote agent's `mos say` reaches the conversation that addressed it, over the ssh connection
        LoopbackConnector chat = f.discord.current();
        chat.say(chat.user("100"), chat.channel("ops"), "!mos send rem-2 answer me");
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(chat.sentTexts("ops"))
                .as("rem-2's pane:%n%s", sshd.remoteTmux("capture-pane", "-p", "-t", "=rem-2:0.0"))
                .anyMatch(t -> t.contains("heard: answer me")));
        OutboundMessage said = chat.sent().stream().filter(m -> m.text().contains("heard: answer me")).findFirst()
                .orElseThrow();
        assertThat(said.text()).startsWith("**rem-2**");
        // ... with the `mosaic` Mos put on that host (no Java, no Mos install there), first on PATH,
        // and a hostile answer arrives literally: nothing in it is run or mangled on either side
        assertThat(sshd.remoteTmux("capture-pane", "-p", "-t", "=rem-2:0.0"))
                .contains("rem-2 runs mosaic from " + sshd.remoteHome.resolve(".local/share/mosaic/bin/mosaic"));
        String hostileAnswer = "answer " + HOSTILE_TEXT + " \\ back\\slash, \"quotes\", ünïcødé ✓";
        fleet().send("rem-2", hostileAnswer); // the answer goes where rem-2 was last addressed from
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(chat.sentTexts("ops"))
                .contains("**rem-2**: heard: " + hostileAnswer));
        assertThat(Path.of("/tmp/PWNED")).doesNotExist();

        // the remote token speaks only for that host's agents
        Path remoteMosaicHome = sshd.remoteHome.resolve(".local/share/mosaic/home");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> LocalClient.of(remoteMosaicHome)
                .say("loc-1", null, "posing as a local agent"))).hasMessageContaining("host dragon");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> LocalClient.of(remoteMosaicHome).status()))
                .hasMessageContaining("host dragon");

        // the remote machine goes away: its agents are unknown with the reason, local ones unaffected
        sshd.stop();
        await().atMost(5, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            AgentStatus r = row("rem-1");
            assertThat(r.state()).isEqualTo(AgentState.UNKNOWN);
            assertThat(r.detail()).isEqualTo("host dragon unreachable: connection refused");
        });
        long t0 = System.nanoTime();
        var snap = fleet().ps();
        long psMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(snap.agent("rem-2").orElseThrow().state()).isEqualTo(AgentState.UNKNOWN);
        assertThat(snap.agent("loc-1").orElseThrow().state()).isEqualTo(AgentState.RUNNING);
        assertThat(snap.agent("loc-1").orElseThrow().heartbeat().health()).isEqualTo(Health.HEALTHY);
        assertThat(psMillis).as("ps with a host down answers at once (refused), not after a timeout")
                .isLessThan(2000);
        CliRun down = f.cli(Map.of(), "fleet", "ps");
        assertThat(down.out()).contains("host dragon unreachable: connection refused");

        // it comes back: recovered without restarting Mos (the agents kept running in its tmux)
        sshd.start();
        await().atMost(15, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(row("rem-1").state()).isEqualTo(AgentState.RUNNING);
            assertThat(row("rem-1").heartbeat().health()).isEqualTo(Health.HEALTHY);
        });
        chat.say(chat.user("100"), chat.channel("ops"), "!mos send rem-2 answer again");
        await().atMost(30, TimeUnit.SECONDS).until(() -> chat.sentTexts("ops").stream()
                .anyMatch(t -> t.contains("heard: answer again")));

        // stop goes over ssh too and removes the remote heartbeat
        CliRun stop = f.cli(Map.of(), "fleet", "agent", "stop", "rem-1");
        assertThat(stop.code()).as(stop.err()).isZero();
        assertThat(row("rem-1").state()).isEqualTo(AgentState.STOPPED);
        assertThat(sshd.remoteHome.resolve(".local/share/mosaic/run/rem-1.heartbeat")).doesNotExist();
        assertThat(row("rem-2").state()).isEqualTo(AgentState.RUNNING);
    }
}
