package dev.mosaic.connector.telegram;

import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.telegram.fake.FakeTelegram;
import dev.mosaic.connector.telegram.fake.Posted;
import dev.mosaic.connector.testkit.ConnectorContractTest;
import dev.mosaic.connector.testkit.PlatformHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The connector contract, run against the real telegrambots client and a fake Bot API per test. */
class TelegramConnectorContractTest extends ConnectorContractTest {

    static final String TOKEN = "123456789:AAcontract-token_secret";
    static final String GROUP = "-1001234567890";
    static final String PERSON = "424242";

    private FakeTelegram fake;
    private PlatformHarness harness;

    @BeforeEach
    void startFake() throws Exception {
        fake = new FakeTelegram(TOKEN);
        harness = new Harness(fake);
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Override
    protected PlatformHarness harness() {
        return harness;
    }

    /** Telegram numbers messages itself: the harness maps the test's ids to the fake's. */
    private record Harness(FakeTelegram fake, Map<String, Integer> ids) implements PlatformHarness {

        Harness(FakeTelegram fake) {
            this(fake, new ConcurrentHashMap<>());
        }

        @Override
        public Connector newConnector(ConnectorContext ctx) throws ConnectorException {
            return new TelegramConnectorProvider().create(new ConnectorConfig("telegram", Map.of("token", TOKEN,
                    "chats", GROUP, "apiBase", fake.apiBase())), ctx);
        }

        @Override
        public void userSays(String userId, String conversationId, String messageId, String text) {
            ids.put(messageId, fake.userSays(conversationId, Long.parseLong(userId), "person", text));
        }

        @Override
        public List<String> botMessages(String conversationId) {
            return fake.messagesIn(conversationId).stream().map(Posted::text).toList();
        }

        @Override
        public void dropConnection() {
            fake.dropConnection();
        }

        @Override
        public void redeliver(String messageId) {
            fake.redeliver(GROUP, ids.get(messageId));
        }

        @Override
        public String allowedUserId() {
            return PERSON;
        }

        @Override
        public String conversationId() {
            return GROUP;
        }
    }
}
