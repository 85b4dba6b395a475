package dev.mosaic.connector.slack;

import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.slack.fake.FakeSlack;
import dev.mosaic.connector.slack.fake.Posted;
import dev.mosaic.connector.testkit.ConnectorContractTest;
import dev.mosaic.connector.testkit.PlatformHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The connector contract, run against real Bolt (Socket Mode) and the fake Slack (one fake for the class). */
class SlackConnectorContractTest extends ConnectorContractTest {

    static final String BOT_TOKEN = "xoxb-contract-bot-token";
    static final String APP_TOKEN = "xapp-1-contract-app-token";
    static final String CHANNEL = "C0MOSOPS1";
    static final String PERSON = "U0PERSON1";

    static FakeSlack fake;
    private PlatformHarness harness;

    @BeforeAll
    static void startFake() throws Exception {
        fake = new FakeSlack(BOT_TOKEN, APP_TOKEN, List.of(CHANNEL));
    }

    @AfterAll
    static void stopFake() throws Exception {
        fake.close();
    }

    @BeforeEach
    void newHarness() {
        harness = new FakeSlackHarness(fake.posted(CHANNEL).size());
    }

    @Override
    protected PlatformHarness harness() {
        return harness;
    }

    /** Slack assigns message ids (ts) itself: the harness maps the test's ids to the fake's. */
    private static final class FakeSlackHarness implements PlatformHarness {

        private final int postedBefore;
        private final Map<String, String> tss = new ConcurrentHashMap<>();

        FakeSlackHarness(int postedBefore) {
            this.postedBefore = postedBefore;
        }

        @Override
        public Connector newConnector(ConnectorContext ctx) throws ConnectorException {
            return new SlackConnectorProvider().create(new ConnectorConfig("slack", Map.of("botToken", BOT_TOKEN,
                    "appToken", APP_TOKEN, "channels", CHANNEL, "apiBase", fake.apiBase())), ctx);
        }

        @Override
        public void userSays(String userId, String conversationId, String messageId, String text) {
            tss.put(messageId, fake.userSays(conversationId, userId, text));
        }

        @Override
        public List<String> botMessages(String conversationId) {
            List<Posted> all = fake.posted(conversationId);
            return all.subList(Math.min(postedBefore, all.size()), all.size()).stream().map(Posted::text).toList();
        }

        @Override
        public void dropConnection() {
            fake.dropConnection();
        }

        @Override
        public void redeliver(String messageId) {
            fake.redeliver(tss.getOrDefault(messageId, messageId));
        }

        @Override
        public String allowedUserId() {
            return PERSON;
        }

        @Override
        public String conversationId() {
            return CHANNEL;
        }
    }
}
