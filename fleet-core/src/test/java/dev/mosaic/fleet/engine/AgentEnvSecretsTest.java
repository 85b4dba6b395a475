package dev.mosaic.fleet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.FleetFixture;
import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.exec.CommandRunner;
import dev.mosaic.fleet.ps.StartReport;
import dev.mosaic.fleet.roster.AgentSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent environment values, secrets among them, on a real tmux server: references are resolved,
 * the values arrive exactly, and none appears on any process's command line.
 */
class AgentEnvSecretsTest {

    @TempDir
    Path home;

    FleetFixture fx;
    Fleet fleet;

    /** Every argv (and stdin) the engine runs, to prove no value is ever an argument. */
    final List<List<String>> argvs = Collections.synchronizedList(new ArrayList<>());

    final String envSecret = "env-secret-" + UUID.randomUUID();
    final String fileSecret = "file-secret-" + UUID.randomUUID();
    final String plainSecret = "plain-secret-" + UUID.randomUUID();
    /** Newlines, a command substitution, backticks, quotes, '=', backslashes and a trailing newline. */
    final String hostile = "h1-" + UUID.randomUUID() + "\nline2 $(touch PWNED-sub) `touch PWNED-bq` \"dq\" 'sq' a=b=c"
            + " back\\slash \\n \\\\ %s %b\n";

    @AfterEach
    void cleanup() {
        if (fleet != null) {
            fleet.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    Fleet fleet(List<AgentSpec> agents, Map<String, String> environment) {
        fx = new FleetFixture(home, 1, agents);
        CommandRunner recording = new CommandRunner() {
            @Override
            public CommandResult run(List<String> argv, String stdin, Duration timeout) {
                argvs.add(List.copyOf(argv));
                return fx.runner.run(argv, stdin, timeout);
            }

            @Override
            public Process spawn(List<String> argv) {
                argvs.add(List.copyOf(argv));
                return fx.runner.spawn(argv);
            }
        };
        fleet = new Fleet(fx.roster::get, FleetFixture::profile, fx.env, Clock.systemUTC(), recording, Map.of(), home,
                true, null, environment);
        return fleet;
    }

    @Test
    void referencesAreResolvedValuesArriveLiterallyAndNoneIsOnAnyCommandLine() throws Exception {
        Path secretFile = Files.writeString(home.resolve("token.txt"), fileSecret + "\n");
        Path out = Files.createDirectories(home.resolve("out"));
        // the agent writes what it sees, then stays up (its own argv holds no value)
        Path script = Files.writeString(home.resolve("agent.sh"), """
                printf '%s' "$FROM_ENV" > "$OUT/env"
                printf '%s' "$FROM_FILE" > "$OUT/file"
                printf '%s' "$PLAIN" > "$OUT/plain"
                printf '%s' "$HOSTILE" > "$OUT/hostile"
                printf '%s' "$MOSAIC_SAY_TOKEN" > "$OUT/say"
                printf '%s' "${MOSAIC_ENV_FILE-unset}" > "$OUT/envfile"
                touch "$OUT/done"
                exec cat
                """);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FROM_ENV", "${env:MY_TOKEN}");
        env.put("FROM_FILE", "${file:" + secretFile + "}");
        env.put("PLAIN", plainSecret);
        env.put("HOSTILE", hostile);
        env.put("OUT", out.toString());
        AgentSpec agent = new AgentSpec("sec-1", "coder", "shell", home.toString(), null, "sh " + script, env);
        fleet(List.of(agent), Map.of("MY_TOKEN", envSecret, "HOME", home.toString()));

        StartReport report = fleet.start(List.of("sec-1"));
        assertThat(report.failed()).isEmpty();
        assertThat(report.started()).containsExactly("sec-1");
        await().atMost(15, TimeUnit.SECONDS).until(() -> Files.exists(out.resolve("done")));

        // the agent sees the resolved secrets, and the hostile value byte for byte
        assertThat(Files.readString(out.resolve("env"))).isEqualTo(envSecret);
        assertThat(Files.readString(out.resolve("file"))).isEqualTo(fileSecret);
        assertThat(Files.readString(out.resolve("plain"))).isEqualTo(plainSecret);
        assertThat(Files.readString(out.resolve("hostile"))).isEqualTo(hostile);
        assertThat(Files.readString(out.resolve("envfile"))).isEqualTo("unset");
        String say = Files.readString(out.resolve("say"));
        assertThat(SayCredentials.of(home).verify(say)).contains("sec-1");
        try (Stream<Path> files = Files.walk(home)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("PWNED"))).isEmpty();
        }

        // the env file was read and removed at start; its directory is private
        Path envDir = fx.env.runDir().resolve("env");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envDir))).isEqualTo("rwx------");
        try (Stream<Path> left = Files.list(envDir)) {
            assertThat(left).isEmpty();
        }

        // no value on any command line: not in what Mos ran, nor in any process alive now (the tmux
        // server, the agent, its heartbeat sidecar)
        List<String> secrets = List.of(envSecret, fileSecret, plainSecret, hostile.lines().findFirst().orElseThrow(), say);
        assertThat(argvs).isNotEmpty();
        for (List<String> argv : argvs) {
            for (String s : secrets) {
                assertThat(String.join("\0", argv)).as("argv %s", argv).doesNotContain(s);
            }
        }
        String tmuxPid = fx.tmux("display-message", "-p", "-t", "=sec-1", "#{pid}").strip();
        String agentPid = fx.tmux("display-message", "-p", "-t", "=sec-1:0.0", "#{pane_pid}").strip();
        Map<String, String> cmdlines = cmdlines();
        assertThat(cmdlines).containsKeys(tmuxPid, agentPid);
        cmdlines.forEach((pid, cmd) -> {
            for (String s : secrets) {
                assertThat(cmd).as("/proc/%s/cmdline", pid).doesNotContain(s);
            }
        });
        // ...while the agent's own environment does hold it (only its user can read that)
        assertThat(Files.readString(Path.of("/proc", agentPid, "environ"))).contains("FROM_ENV=" + envSecret);
    }

    @Test
    void anUnresolvableReferenceIsAClearErrorAndTheAgentIsNotStarted() throws Exception {
        AgentSpec bad = new AgentSpec("bad-1", "coder", "shell", null, null, null, Map.of("API_KEY", "${env:NOPE}"));
        AgentSpec missing = new AgentSpec("bad-2", "coder", "shell", null, null, null,
                Map.of("CERT", "${file:" + home.resolve("absent.pem") + "}"));
        AgentSpec good = FleetFixture.agent("good-1");
        fleet(List.of(bad, missing, good), Map.of("HOME", home.toString()));

        StartReport report = fleet.start(List.of("bad-1", "bad-2", "good-1"));
        assertThat(report.started()).containsExactly("good-1");
        assertThat(report.failed().get("bad-1")).isEqualTo("agent 'bad-1': env API_KEY: secret reference"
                + " '${env:NOPE}' cannot be resolved: environment variable NOPE is not set");
        assertThat(report.failed().get("bad-2")).startsWith("agent 'bad-2': env CERT: secret reference '${file:")
                .contains("absent.pem");
        assertThat(fx.sessions()).containsExactly("good-1");
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            try (Stream<Path> left = Files.list(fx.env.runDir().resolve("env"))) {
                assertThat(left).isEmpty();
            }
        });
    }

    /** Every readable {@code /proc/<pid>/cmdline}, NULs as spaces, by pid. */
    static Map<String, String> cmdlines() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    out.put(p.getFileName().toString(),
                            new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' '));
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return out;
    }
}
