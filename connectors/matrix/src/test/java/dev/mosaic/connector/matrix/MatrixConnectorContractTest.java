package dev.mosaic.connector.matrix;

import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.matrix.fake.FakeEvent;
import dev.mosaic.connector.matrix.fake.FakeHomeserver;
import dev.mosaic.connector.testkit.ConnectorContractTest;
import dev.mosaic.connector.testkit.PlatformHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;

/** The Matrix connector keeps the connector contract, against the loopback fake homeserver. */
class MatrixConnectorContractTest extends ConnectorContractTest {

    private static final String BOT = "@mos:localhost";
    private static final String OWNER = "@owner:localhost";
    private static final String TOKEN = "contract-bot-token";

    private FakeHomeserver hs;
    private String room;
    /** The harness's message ids → the event ids the fake assigned. */
    private final Map<String, String> eventIds = new ConcurrentHashMap<>();

    @BeforeEach
    void startHomeserver() throws Exception {
        hs = FakeHomeserver.start();
        hs.addUser(BOT, TOKEN, null);
        hs.addUser(OWNER, "owner-token", null);
        hs.addUser("@eve:localhost", "eve-token", null);
        room = hs.createRoom(false, OWNER, BOT, "@eve:localhost");
    }

    @AfterEach
    void stopHomeserver() {
        hs.close();
    }

    @Override
    protected PlatformHarness harness() {
        return new PlatformHarness() {
            @Override
            public Connector newConnector(ConnectorContext ctx) throws ConnectorException {
                MatrixSettings settings = MatrixSettings.from(new ConnectorConfig("matrix", Map.of(
                        "homeserver", hs.uri().toString(), "userId", BOT, "token", TOKEN, "rooms", List.of(room))))
                        .withSyncTimeout(Duration.ofSeconds(5));
                return new MatrixConnector(settings, ctx, HttpClient.newHttpClient(),
                        new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), 0.5, new Random(3)),
                        Backoff.Sleeper.system());
            }

            @Override
            public void userSays(String userId, String conversationId, String messageId, String text) {
                eventIds.put(messageId, hs.userSends(userId, conversationId, text));
            }

            @Override
            public List<String> botMessages(String conversationId) {
                return hs.botMessages(conversationId).stream().map(FakeEvent::body).toList();
            }

            @Override
            public void dropConnection() {
                // Only a poll in flight can be dropped; the next one starts right after a batch.
                await().until(() -> hs.pendingSyncs() > 0);
                hs.dropSyncs();
            }

            @Override
            public void redeliver(String messageId) {
                hs.redeliver(eventIds.get(messageId));
            }

            @Override
            public String allowedUserId() {
                return OWNER;
            }

            @Override
            public String conversationId() {
                return room;
            }
        };
    }
}
