package dev.mosaic.mos.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.fleet.tmux.Tmux;
import dev.mosaic.mos.chat.ChatConfig;
import dev.mosaic.mos.app.RateLimiter;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.service.Backoff;
import dev.mosaic.mos.service.MosService;
import dev.mosaic.mos.service.ProviderCatalog;
import dev.mosaic.mos.service.ServiceOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * What every test of the real Mos service stands on: a temp {@code MOSAIC_HOME} under
 * {@code dir} with its roster file, a {@link PrivateTmux} server for the agents, the environment
 * the service and the in-process CLI see, and the service itself once started. A fixture per chat
 * platform extends it, writes its roster and starts the service with its connector providers.
 */
public class ServiceHarness implements AutoCloseable {

    public final Path dir;
    public final Path home;
    public final Path rosterFile;
    public final String socket;
    /** What the service and the CLI see as their environment; a test may change it before a start. */
    public final Map<String, String> environment = new HashMap<>();
    /** The running service; null before a start. */
    public MosService service;
    private final PrivateTmux tmux = new PrivateTmux();
    private final Clock clock;

    protected ServiceHarness(Path dir, Clock clock) throws IOException {
        this.dir = dir;
        this.clock = clock;
        this.home = dir.resolve("home");
        this.rosterFile = home.resolve("fleet").resolve("roster.yaml");
        this.socket = tmux.socket();
        environment.put("MOSAIC_HOME", home.toString());
        environment.put("MOSAIC_TMUX_SOCKET", socket);
        environment.put("HOME", dir.toString());
        environment.put("USER", "tester");
        Files.createDirectories(rosterFile.getParent());
    }

    /**
     * Writes a launcher like {@code ./mosaic} that runs the CLI on this test's classpath, and points
     * {@code MOSAIC_LAUNCHER} at it (so an agent's {@code mos say} runs as a real child JVM).
     */
    protected final void installLauncher() throws IOException {
        Path script = dir.resolve("mosaic");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -D" + Tmux.TEST_MODE_PROPERTY + "=true"
                + " -cp '" + System.getProperty("java.class.path") + "' dev.mosaic.mos.Main \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        environment.put("MOSAIC_LAUNCHER", script.toString());
    }

    /**
     * Service options for tests: generous chat rate limits and a quick backoff so a transient
     * failure retries fast; a permanent failure (a rejected token) waits the production default of
     * 10 minutes, i.e. not within any test. {@code extraConnectors} run besides the roster's.
     */
    public static ServiceOptions fastOptions(Collection<ConnectorConfig> extraConnectors) {
        ServiceOptions o = new ServiceOptions(new ChatConfig(ChatConfig.DEFAULT_PREFIX, Duration.ofMinutes(2),
                new RateLimiter.Limits(100_000, 10_000)),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), new Random(7)), Duration.ofMinutes(10),
                Duration.ofMillis(100), Map.of());
        for (ConnectorConfig c : extraConnectors) {
            o = o.withExtraConnector(c);
        }
        return o;
    }

    /**
     * One entry of a roster's {@code runtimes:} map (indented for it) whose agents run {@code script}
     * in a plain bash ({@code bash --noprofile --norc -c SCRIPT LABEL}), typed into without delay.
     */
    public static String bashRuntime(String name, String label, String script) {
        StringBuilder yaml = new StringBuilder()
                .append("  ").append(name).append(":\n")
                .append("    enterDelayMs: 0\n")
                .append("    command:\n")
                .append("      - bash\n")
                .append("      - --noprofile\n")
                .append("      - --norc\n")
                .append("      - -c\n")
                .append("      - |\n");
        script.lines().forEach(line -> yaml.append("        ").append(line).append('\n'));
        return yaml.append("      - ").append(label).append('\n').toString();
    }

    /** A CLI context on this harness's environment, clock and directory, acting as cli:tester. */
    public CliContext context(StringWriter out, StringWriter err) {
        return new CliContext(environment, dir, clock, false, "cli:tester", InputStream.nullInputStream(),
                new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Starts the service (again, after {@link #stopService()}) with {@code catalog} and {@link #fastOptions}. */
    protected final MosService startService(ProviderCatalog catalog, Collection<ConnectorConfig> extraConnectors) {
        service = new MosService(context(new StringWriter(), new StringWriter()), fastOptions(extraConnectors),
                catalog, new ProcessCommandRunner(), List.of());
        service.start();
        return service;
    }

    /** Waits until the service runs a connector of {@code type}. */
    protected final void awaitConnector(String type, long timeoutSeconds) {
        await().atMost(timeoutSeconds, TimeUnit.SECONDS).until(() -> service.connectors().connector(type).isPresent());
    }

    /** Starts every agent of the roster and waits until each of {@code readyAgents} printed "NAME ready". */
    public final void startFleetAwaiting(String... readyAgents) {
        service.fleet().start(List.of());
        for (String a : readyAgents) {
            await().atMost(20, TimeUnit.SECONDS).until(() -> pane(a).contains(a + " ready"));
        }
    }

    public void stopService() {
        service.close();
    }

    /** The connector's entry of the service's status document, or a missing node. */
    public JsonNode connectorState(String type) {
        for (JsonNode c : service.statusJson().path("connectors")) {
            if (c.path("type").asText().equals(type)) {
                return c;
            }
        }
        return MissingNode.getInstance();
    }

    /** Runs the mosaic CLI in-process with this harness's environment (plus {@code extraEnv}). */
    public CliRun cli(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(extraEnv);
        return CliRun.run(env, dir, clock, "cli:tester", "", args);
    }

    /** An agent's (or the orchestrator's) pane, with its scrollback, straight from tmux. */
    public String pane(String agent) {
        return tmux.pane(agent);
    }

    /** Runs tmux on the agents' private socket (a person at a terminal, behind the service's back). */
    public String tmux(String... args) {
        return tmux.run(args);
    }

    /** Stops the service if it runs, then the private tmux server. */
    @Override
    public void close() {
        try {
            if (service != null) {
                service.close();
            }
        } finally {
            tmux.kill();
        }
    }
}
