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
import dev.mosaic.mos.service.MosService;
import dev.mosaic.mos.service.ProviderCatalog;
import dev.mosaic.mos.testing.ServiceHarness;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Mos service talking to the fake Matrix homeserver (the matrix module's test-jar) over
 * loopback, with real tmux agents (the demo preset's echo programs) on a private throwaway socket.
 * People: owner (admin), ops (operator), viewer (viewer); eve is unknown. The service's main room
 * holds all of them and the bot.
 */
final class MatrixServiceFixture extends ServiceHarness {

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

    final FakeHomeserver hs;
    final String mainRoom;

    MatrixServiceFixture(Path dir, String comms) throws IOException {
        super(dir, Clock.systemUTC());
        hs = FakeHomeserver.start();
        hs.addUser(BOT, "bot-token", null);
        for (String u : List.of(OWNER, OPS, VIEWER, EVE)) {
            hs.addUser(u, u.substring(1, u.indexOf(':')) + "-token", null);
        }
        mainRoom = hs.createRoom(false, OWNER, BOT, OPS, VIEWER, EVE);
        environment.put("TEST_MATRIX_TOKEN", "bot-token");
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

    /** Starts the service (again, after {@link #stopService()}) and waits for the Matrix connector. */
    MosService start() {
        startService(ProviderCatalog.load(getClass().getClassLoader()).with(new ShortPollMatrix()), List.of());
        awaitConnector("matrix", 15);
        return service;
    }

    void startFleet() {
        startFleetAwaiting("mos", "echo-1", "echo-2");
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

    /** How many lines of {@code agent}'s pane say it got exactly {@code line}. */
    int received(String agent, String line) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(agent + " got: " + line) + "$").matcher(pane(agent));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Stops the service and the private tmux server, then the fake homeserver. */
    @Override
    public void close() {
        try {
            super.close();
        } finally {
            hs.close();
        }
    }
}
