package dev.mosaic.connector.discord;

import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.discord.fake.FakeDiscord;
import dev.mosaic.connector.discord.fake.Posted;
import dev.mosaic.connector.testkit.SharedFakeContractTest;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;

import java.util.List;
import java.util.Map;

/**
 * The connector contract, run against a real JDA client and the fake Discord (one fake for the
 * class). Discord assigns message ids itself: the base class maps the test's ids to the fake's
 * snowflakes.
 */
class DiscordConnectorContractTest extends SharedFakeContractTest {

    static final String TOKEN = "MTA2.contract-token.secret";
    static final String GUILD = "1112631390438166618";
    static final String CHANNEL = "1517622518662434996";
    static final String PERSON = "445566778899001122";

    @AutoClose
    static FakeDiscord fake;

    DiscordConnectorContractTest() {
        super(PERSON, CHANNEL);
    }

    @BeforeAll
    static void startFake() throws Exception {
        fake = new FakeDiscord(TOKEN, GUILD, List.of(CHANNEL));
    }

    @Override
    public Connector newConnector(ConnectorContext ctx) throws ConnectorException {
        return new DiscordConnectorProvider().create(new ConnectorConfig("discord", Map.of("token", TOKEN,
                "guild", GUILD, "channel", CHANNEL, "apiBase", fake.apiBase(), "gatewayUrl", fake.gatewayUrl())),
                ctx);
    }

    @Override
    protected String post(String userId, String conversationId, String text) {
        return fake.userSays(conversationId, userId, "person", text);
    }

    @Override
    protected List<String> allBotMessages(String conversationId) {
        return fake.posted(conversationId).stream().map(Posted::content).toList();
    }

    @Override
    protected void redeliverAssigned(String snowflake) {
        fake.redeliver(snowflake);
    }

    @Override
    public void dropConnection() {
        fake.dropConnection();
    }
}
