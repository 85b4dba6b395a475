package dev.mosaic.connector.slack;

import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.slack.fake.FakeSlack;
import dev.mosaic.connector.slack.fake.Posted;
import dev.mosaic.connector.testkit.SharedFakeContractTest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;
import java.util.Map;

/**
 * The connector contract, run against real Bolt (Socket Mode) and the fake Slack (one fake for the
 * class). Slack assigns message ids (ts) itself: the base class maps the test's ids to the fake's.
 */
class SlackConnectorContractTest extends SharedFakeContractTest {

    static final String BOT_TOKEN = "xoxb-contract-bot-token";
    static final String APP_TOKEN = "xapp-1-contract-app-token";
    static final String CHANNEL = "C0MOSOPS1";
    static final String PERSON = "U0PERSON1";

    @AutoClose
    static FakeSlack fake;

    SlackConnectorContractTest() {
        super(PERSON, CHANNEL);
    }

    @BeforeAll
    static void startFake() throws Exception {
        fake = new FakeSlack(BOT_TOKEN, APP_TOKEN, List.of(CHANNEL));
    }

    @Override
    public Connector newConnector(ConnectorContext ctx) throws ConnectorException {
        return new SlackConnectorProvider().create(new ConnectorConfig("slack", Map.of("botToken", BOT_TOKEN,
                "appToken", APP_TOKEN, "channels", CHANNEL, "apiBase", fake.apiBase())), ctx);
    }

    @Override
    protected String post(String userId, String conversationId, String text) {
        return fake.userSays(conversationId, userId, text);
    }

    @Override
    protected List<String> allBotMessages(String conversationId) {
        return fake.posted(conversationId).stream().map(Posted::text).toList();
    }

    @Override
    protected void redeliverAssigned(String ts) {
        fake.redeliver(ts);
    }

    @Override
    public void dropConnection() {
        fake.dropConnection();
    }
}
