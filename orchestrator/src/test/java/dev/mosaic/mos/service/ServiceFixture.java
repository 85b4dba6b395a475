package dev.mosaic.mos.service;

import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorCapabilities;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorProvider;
import dev.mosaic.connector.testkit.LoopbackConnector;
import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.mos.chat.ChatConfig;
import dev.mosaic.mos.chat.RateLimiter;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.MosaicCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real Mos service over a temp MOSAIC_HOME and a private throwaway tmux socket. Its "discord"
 * connector is a loopback platform the test plays (people: owner 100 admin, ops 200 operator,
 * watcher 300 viewer); agents are plain bash echo loops; the orchestrator answers through
 * {@code mosaic mos say} run as a real child JVM (a launcher script on the test classpath).
 */
final class ServiceFixture implements AutoCloseable {

    /** The test's "discord": every connector it creates is a loopback platform named discord. */
    static final class LoopbackProvider implements ConnectorProvider {
        final AtomicReference<LoopbackConnector> current = new AtomicReference<>();
        final List<ConnectorConfig> configs = new CopyOnWriteArrayList<>();

        @Override
        public String type() {
            return "discord";
        }

        @Override
        public List<ConfigField> configFields() {
            return List.of();
        }

        @Override
        public Connector create(ConnectorConfig config, ConnectorContext context) {
            configs.add(config);
            LoopbackConnector c = new LoopbackConnector("discord", new ConnectorCapabilities(2000, true, true), context,
                    Duration.ofMillis(100));
            current.set(c);
            return c;
        }
    }

    static final String TOKEN = "test-token-" + UUID.randomUUID();

    final Path dir;
    final Path home;
    final Path rosterFile;
    final String socket = "mosaic-test-" + UUID.randomUUID().toString().substring(0, 8);
    final Map<String, String> environment = new HashMap<>();
    final MutableClock clock = new MutableClock(Instant.now());
    final LoopbackProvider discord = new LoopbackProvider();
    final Map<String, ConnectorConfig> extra = new HashMap<>();
    MosService service;

    ServiceFixture(Path dir) throws IOException {
        this.dir = dir;
        this.home = dir.resolve("home");
        this.rosterFile = home.resolve("fleet").resolve("roster.yaml");
        environment.put("MOSAIC_HOME", home.toString());
        environment.put("MOSAIC_TMUX_SOCKET", socket);
        environment.put("HOME", dir.toString());
        environment.put("USER", "tester");
        environment.put("TEST_DISCORD_TOKEN", TOKEN);
        environment.put("MOSAIC_LAUNCHER", launcher().toString());
        Files.createDirectories(rosterFile.getParent());
        Files.writeString(rosterFile, roster("c1"));
    }

    /** A launcher like ./mosaic: runs the CLI on this test's classpath. */
    private Path launcher() throws IOException {
        Path script = dir.resolve("mosaic");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
                + " -cp '" + System.getProperty("java.class.path") + "' dev.mosaic.mos.Main \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    String roster(String channel) {
        String echo = """
                      - |
                        printf '%s ready\\n' "$MOSAIC_AGENT_NAME"
                        while IFS= read -r line; do
                          printf '%s got: %s\\n' "$MOSAIC_AGENT_NAME" "$line"
                        done
                """;
        String orch = """
                      - |
                        printf '%s ready\\n' "$MOSAIC_AGENT_NAME"
                        while IFS= read -r line; do
                          printf '%s got: %s\\n' "$MOSAIC_AGENT_NAME" "$line"
                          "$MOSAIC_LAUNCHER" mos say -- "heard: $line" || printf 'reply failed\\n'
                        done
                """;
        return """
                version: 1
                fleet: { name: testfleet, type: demo, comms: tmux }
                orchestrator:
                  name: mos
                  runtime: orch
                  workdir: %1$s
                  connectors:
                    discord:
                      token: "${env:TEST_DISCORD_TOKEN}"
                      channel: "%2$s"
                principals:
                  owner: { role: admin, discord: "100", console: tester }
                  ops: { role: operator, discord: "200" }
                  watcher: { role: viewer, discord: "300" }
                agents:
                  - { name: echo-1, role: demo, runtime: echo, workdir: %1$s }
                  - { name: echo-2, role: demo, runtime: echo, workdir: %1$s }
                runtimes:
                  echo:
                    enterDelayMs: 0
                    command:
                      - bash
                      - --noprofile
                      - --norc
                      - -c
                %3$s      - demo-echo
                  orch:
                    enterDelayMs: 0
                    command:
                      - bash
                      - --noprofile
                      - --norc
                      - -c
                %4$s      - demo-orch
                """.formatted(dir, channel, echo, orch);
    }

    ServiceOptions options() {
        ServiceOptions o = new ServiceOptions(new ChatConfig(ChatConfig.DEFAULT_PREFIX, Duration.ofMinutes(2),
                new RateLimiter.Limits(100_000, 10_000)),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), new Random(7)), Duration.ofMinutes(10),
                Duration.ofMillis(100), Map.of());
        for (ConnectorConfig c : extra.values()) {
            o = o.withExtraConnector(c);
        }
        return o;
    }

    CliContext context(StringWriter out, StringWriter err) {
        return new CliContext(environment, dir, clock, false, "cli:tester", InputStream.nullInputStream(),
                new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Starts the service (again, after {@link #stopService()}) and waits for the discord connector. */
    MosService start() {
        service = new MosService(context(new StringWriter(), new StringWriter()), options(),
                ProviderCatalog.load(getClass().getClassLoader()).with(discord), new ProcessCommandRunner(), List.of());
        service.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> service.connectors().connector("discord").isPresent());
        return service;
    }

    void startFleet() {
        service.fleet().start(List.of());
    }

    void stopService() {
        service.close();
    }

    LoopbackConnector chat() {
        return discord.current.get();
    }

    /** {@code userId} writes {@code text} to Mos in a DM; returns the reply. */
    String dm(String userId, String text) {
        LoopbackConnector c = chat();
        c.say(c.user(userId), c.dm("dm-" + userId), text);
        return c.awaitReply(Duration.ofSeconds(20)).text();
    }

    /** Runs the mosaic CLI in-process with this fixture's environment (plus {@code extraEnv}). */
    CliRun cli(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(extraEnv);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(env, dir, clock, false, "cli:tester", InputStream.nullInputStream(),
                new PrintWriter(out, true), new PrintWriter(err, true));
        int code = MosaicCli.run(ctx, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    record CliRun(int code, String out, String err) {
    }

    /** The orchestrator's (or any agent's) pane content, straight from tmux. */
    String pane(String agent) {
        return tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", "=" + agent + ":0.0");
    }

    String tmux(String... args) {
        List<String> argv = new ArrayList<>(List.of("tmux", "-L", socket));
        argv.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new AssertionError("tmux failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
        tmux("kill-server");
    }
}
