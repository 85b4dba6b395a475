package dev.mosaic.mos.comms;

import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorProvider;
import dev.mosaic.connector.matrix.Backoff;
import dev.mosaic.connector.matrix.MatrixConnector;
import dev.mosaic.connector.matrix.MatrixSettings;
import dev.mosaic.connector.matrix.fake.FakeEvent;
import dev.mosaic.connector.matrix.fake.FakeHomeserver;
import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.mos.chat.ChatConfig;
import dev.mosaic.mos.chat.RateLimiter;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.MosaicCli;
import dev.mosaic.mos.service.MosService;
import dev.mosaic.mos.service.ProviderCatalog;
import dev.mosaic.mos.service.ServiceOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Mos service talking to the fake Matrix homeserver (the matrix module's test-jar) over
 * loopback, with real tmux agents (the demo preset's echo programs) on a private throwaway socket.
 * People: owner (admin), ops (operator), viewer (viewer); eve is unknown. The service's main room
 * holds all of them and the bot.
 */
final class MatrixServiceFixture implements AutoCloseable {

    static final String BOT = "@mos:localhost";
    static final String OWNER = "@owner:localhost";
    static final String OPS = "@ops:localhost";
    static final String VIEWER = "@viewer:localhost";
    static final String EVE = "@eve:localhost";
    static final String FLEET = "testfleet";

    /** The real Matrix connector with a short long poll, so a service stop is quick. */
    static final class ShortPollMatrix implements ConnectorProvider {
        @Override
        public String type() {
            return "matrix";
        }

        @Override
        public List<ConfigField> configFields() {
            return List.of();
        }

        @Override
        public Connector create(ConnectorConfig config, ConnectorContext context) throws ConnectorException {
            return new MatrixConnector(MatrixSettings.from(config).withSyncTimeout(Duration.ofSeconds(1)), context,
                    HttpClient.newHttpClient(), new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), 0.5,
                    new Random(7)), Backoff.Sleeper.system());
        }
    }

    final Path dir;
    final Path home;
    final Path rosterFile;
    final String socket = "mosaic-test-" + UUID.randomUUID().toString().substring(0, 8);
    final Map<String, String> environment = new HashMap<>();
    final FakeHomeserver hs;
    final String mainRoom;
    MosService service;

    MatrixServiceFixture(Path dir, String comms) throws IOException {
        this.dir = dir;
        this.home = dir.resolve("home");
        this.rosterFile = home.resolve("fleet").resolve("roster.yaml");
        hs = FakeHomeserver.start();
        hs.addUser(BOT, "bot-token", null);
        for (String u : List.of(OWNER, OPS, VIEWER, EVE)) {
            hs.addUser(u, u.substring(1, u.indexOf(':')) + "-token", null);
        }
        mainRoom = hs.createRoom(false, OWNER, BOT, OPS, VIEWER, EVE);
        environment.put("MOSAIC_HOME", home.toString());
        environment.put("MOSAIC_TMUX_SOCKET", socket);
        environment.put("HOME", dir.toString());
        environment.put("USER", "tester");
        environment.put("TEST_MATRIX_TOKEN", "bot-token");
        Files.createDirectories(rosterFile.getParent());
        Files.writeString(rosterFile, roster(comms));
    }

    String roster(String comms) {
        return """
                version: 1
                fleet: { name: %1$s, type: demo, comms: %2$s }
                orchestrator:
                  name: mos
                  runtime: demo-orchestrator
                  workdir: %3$s
                  connectors:
                    matrix:
                      homeserver: "%4$s"
                      userId: "%5$s"
                      token: "${env:TEST_MATRIX_TOKEN}"
                      rooms: ["%6$s"]
                principals:
                  owner: { role: admin, matrix: "%7$s" }
                  ops: { role: operator, matrix: "%8$s" }
                  watcher: { role: viewer, matrix: "%9$s" }
                agents:
                  - { name: echo-1, role: demo, runtime: demo, workdir: %3$s }
                  - { name: echo-2, role: demo, runtime: demo, workdir: %3$s }
                """.formatted(FLEET, comms, dir, hs.uri(), BOT, mainRoom, OWNER, OPS, VIEWER);
    }

    CliContext context() {
        return new CliContext(environment, dir, Clock.systemUTC(), false, "cli:tester", InputStream.nullInputStream(),
                new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
    }

    /** Starts the service (again, after {@link #stopService()}) and waits for the Matrix connector. */
    MosService start() {
        ServiceOptions o = new ServiceOptions(new ChatConfig(ChatConfig.DEFAULT_PREFIX, Duration.ofMinutes(2),
                new RateLimiter.Limits(100_000, 10_000)),
                new dev.mosaic.mos.service.Backoff(Duration.ofMillis(50), Duration.ofMillis(400), new Random(7)),
                Duration.ofMinutes(10), Duration.ofMillis(100), Map.of());
        service = new MosService(context(), o, ProviderCatalog.load(getClass().getClassLoader())
                .with(new ShortPollMatrix()), new ProcessCommandRunner(), List.of());
        service.start();
        await().atMost(15, TimeUnit.SECONDS).until(() -> service.connectors().connector("matrix").isPresent());
        return service;
    }

    void startFleet() {
        service.fleet().start(List.of());
        for (String a : List.of("mos", "echo-1", "echo-2")) {
            await().atMost(20, TimeUnit.SECONDS).until(() -> pane(a).contains(a + " ready"));
        }
    }

    void stopService() {
        service.close();
    }

    /** Waits for the bot's agent room of {@code agent} and lets {@code people} join it; returns its id. */
    String agentRoom(String agent, String... people) {
        String alias = "#" + FLEET + "-" + agent + ":localhost";
        await().atMost(20, TimeUnit.SECONDS).until(() -> hs.resolveAlias(alias) != null);
        String room = hs.resolveAlias(alias);
        for (String p : people) {
            hs.userJoins(p, room);
        }
        return room;
    }

    /** Bodies of the bot's messages in {@code room} (replies, notices, relayed posts). */
    List<String> botSaid(String room) {
        return hs.botMessages(room).stream().filter(e -> e.sender().equals(BOT)).map(FakeEvent::body).toList();
    }

    /** Runs the mosaic CLI in-process with this fixture's environment (plus {@code extraEnv}). */
    Run cli(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(extraEnv);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(env, dir, Clock.systemUTC(), false, "cli:tester", InputStream.nullInputStream(),
                new PrintWriter(out, true), new PrintWriter(err, true));
        int code = MosaicCli.run(ctx, args);
        return new Run(code, out.toString(), err.toString());
    }

    record Run(int code, String out, String err) {
    }

    /** An agent's pane (with its scrollback), straight from tmux. */
    String pane(String agent) {
        return tmux("capture-pane", "-p", "-J", "-S", "-5000", "-t", "=" + agent + ":0.0");
    }

    /** How many lines of {@code agent}'s pane say it got exactly {@code line}. */
    int received(String agent, String line) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(agent + " got: " + line) + "$").matcher(pane(agent));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
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
        hs.close();
    }
}
