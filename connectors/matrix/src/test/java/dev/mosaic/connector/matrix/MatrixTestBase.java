package dev.mosaic.connector.matrix;

import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.matrix.fake.FakeHomeserver;
import dev.mosaic.connector.testkit.TestConnectorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared set-up: the real connector against a fresh loopback fake homeserver per test. */
abstract class MatrixTestBase {

    static final String BOT = "@mos:localhost";
    static final String OWNER = "@owner:localhost";
    static final String EVE = "@eve:localhost";
    static final String BOT_TOKEN = "bot-secret-token";

    @TempDir
    Path stateDir;

    FakeHomeserver hs;
    final List<MatrixConnector> open = new ArrayList<>();
    final List<InboundMessage> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        hs = FakeHomeserver.start();
        hs.addUser(BOT, BOT_TOKEN, "bot-password");
        hs.addUser(OWNER, "owner-token", null);
        hs.addUser(EVE, "eve-token", null);
    }

    @AfterEach
    void tearDown() {
        open.forEach(MatrixConnector::close);
        hs.close();
    }

    TestConnectorContext context(Instant startedAt) {
        return new TestConnectorContext(Clock.systemUTC(), startedAt, stateDir);
    }

    MatrixConnector connector(TestConnectorContext ctx, Map<String, Object> extra) throws ConnectorException {
        Map<String, Object> values = new HashMap<>();
        values.put("homeserver", hs.uri().toString());
        values.put("userId", BOT);
        values.put("token", BOT_TOKEN);
        values.putAll(extra);
        MatrixSettings settings = MatrixSettings.from(new ConnectorConfig("matrix", values))
                .withSyncTimeout(Duration.ofSeconds(5));
        MatrixConnector c = new MatrixConnector(settings, ctx, HttpClient.newHttpClient(),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), 0.5, new Random(7)),
                Backoff.Sleeper.system());
        open.add(c);
        return c;
    }

    MatrixConnector started(Map<String, Object> extra) throws ConnectorException {
        MatrixConnector c = connector(context(Instant.now()), extra);
        c.start(received::add);
        return c;
    }
}
