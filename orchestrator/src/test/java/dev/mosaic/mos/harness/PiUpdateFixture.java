package dev.mosaic.mos.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.mos.testing.CliRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * Real pi agents against the {@link FakeModel} whose harness {@code mosaic fleet update} installs,
 * updates and rolls back: two pinned pi releases ({@link #OLD}, {@link #NEW}) from the harness cache
 * stand in for the npm registry (the test roster's install and update commands run the
 * {@code fake-npm-install} test script, which links one into Mos's default prefix
 * {@code ~/.local/share/mosaic/harnesses/pi}; version {@code 9.9.9} is a build whose binary exits at once).
 */
final class PiUpdateFixture implements AutoCloseable {

    static final String OLD = "0.73.0";
    static final String NEW = "0.73.1";
    static final String BROKEN = "9.9.9";
    static final ObjectMapper JSON = new ObjectMapper();

    final HarnessFixture f;
    final Path prefix;

    PiUpdateFixture(Path dir, String... agents) throws IOException {
        f = new HarnessFixture(dir);
        // healthy = a beat within 3 x the interval; 3 s keeps that true on a loaded 2-core machine
        f.environment.put("MOSAIC_HEARTBEAT_INTERVAL", "3");
        HarnessBinaries.binary("pi-" + OLD, "pi");
        HarnessBinaries.binary("pi-" + NEW, "pi");
        prefix = dir.resolve(".local/share/mosaic/harnesses/pi"); // the default prefix; the tests' ~ is dir
        Path script = dir.resolve("fake-npm-install");
        try (InputStream in = getClass().getResourceAsStream("/harness/fake-npm-install")) {
            Files.write(script, in.readAllBytes());
        }
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path piDir = Files.createDirectories(dir.resolve("pi-agent"));
        Files.writeString(piDir.resolve("models.json"), """
                {"providers":{"fake":{"baseUrl":"%s/v1","api":"openai-completions","apiKey":"fake",
                 "compat":{"supportsDeveloperRole":false,"supportsReasoningEffort":false},
                 "models":[{"id":"fake-model","name":"Fake Model"}]}}}
                """.formatted(f.model.baseUrl()));
        Files.writeString(piDir.resolve("settings.json"), "{\"defaultProvider\":\"fake\",\"defaultModel\":\"fake-model\"}");
        StringBuilder yaml = new StringBuilder();
        for (String a : agents) {
            // each its own workdir: pi --continue resumes the newest session of the directory
            Path work = Files.createDirectories(f.work.resolve(a));
            yaml.append("  - { name: ").append(a).append(", role: coder, runtime: pi, workdir: \"").append(work)
                    .append("\", env: { PI_CODING_AGENT_DIR: \"").append(piDir).append("\", HOME: \"").append(dir)
                    .append("\" } }\n");
        }
        String install = "[\"" + script + "\", \"{prefix}\", \"{version}\", \"" + HarnessBinaries.cache() + "\"]";
        f.roster(HarnessFixture.echoOrchestrator(f.work), yaml.toString(), HarnessFixture.echoRuntime()
                + "  pi: { command: [pi], installCommand: " + install + ", updateCommand: " + install
                + ", latestCommand: [echo, \"" + NEW + "\"] }\n");
    }

    /** {@code mosaic fleet ARGS} in-process, as cli:tester. */
    CliRun cli(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "fleet";
        System.arraycopy(args, 0, all, 1, args.length);
        return f.cli(Map.of(), all);
    }

    /** Installs {@code version} the way a user would first: {@code fleet update --to V --yes} (no agent running yet). */
    void install(String version) {
        CliRun r = cli("update", "--runtime", "pi", "--to", version, "--yes");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(installed()).isEqualTo(version);
    }

    /** The pi version in Mos's prefix, as the installed package says. */
    String installed() {
        try {
            return JSON.readTree(prefix.resolve("node_modules/@mariozechner/pi-coding-agent/package.json").toFile())
                    .path("version").asText();
        } catch (IOException e) {
            return null;
        }
    }

    /** The runs of {@code fleet update --history --json}. */
    List<JsonNode> history() throws IOException {
        CliRun r = cli("update", "--history", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> runs = new java.util.ArrayList<>();
        JSON.readTree(r.out()).path("runs").forEach(runs::add);
        return runs;
    }

    /** The agent's entry in an update report. */
    static JsonNode agent(JsonNode report, String name) {
        for (JsonNode a : report.path("agents")) {
            if (a.path("name").asText().equals(name)) {
                return a;
            }
        }
        throw new AssertionError("no agent " + name + " in " + report);
    }

    /** The update logs and heartbeat files, for a failed wait. */
    String dump() {
        StringBuilder b = new StringBuilder();
        for (Path d : List.of(f.home.resolve("updates"), f.home.resolve("fleet/run"))) {
            try (var files = Files.list(d)) {
                for (Path p : files.toList()) {
                    if (Files.isDirectory(p)) {
                        b.append("\n=== dir ").append(p);
                        try (var in = Files.list(p)) {
                            for (Path q : in.toList()) {
                                b.append("\n    ").append(q.getFileName()).append(": ").append(Files.readString(q).strip());
                            }
                        }
                    } else if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")) {
                        b.append("\n=== ").append(p).append('\n').append(Files.readString(p));
                    }
                }
            } catch (IOException e) {
                b.append("\n(").append(d).append(": ").append(e).append(')');
            }
        }
        return b.toString();
    }

    /** Waits until the agent's own heartbeat makes it healthy. */
    void awaitHealthy(String agent) {
        try {
            org.awaitility.Awaitility.await().atMost(30, java.util.concurrent.TimeUnit.SECONDS)
                    .until(() -> f.status(agent).heartbeat().health() == dev.mosaic.fleet.heartbeat.Health.HEALTHY);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(agent + " is not healthy: " + f.status(agent) + dump(), e);
        }
    }

    long pid(String agent) {
        return f.status(agent).pid();
    }

    @Override
    public void close() {
        f.close();
    }
}
