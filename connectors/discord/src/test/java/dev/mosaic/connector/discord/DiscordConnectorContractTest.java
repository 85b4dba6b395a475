package dev.mosaic.connector.discord;

import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.discord.fake.FakeDiscord;
import dev.mosaic.connector.discord.fake.Posted;
import dev.mosaic.connector.testkit.ConnectorContractTest;
import dev.mosaic.connector.testkit.PlatformHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The connector contract, run against a real JDA client and the fake Discord (one fake for the class). */
class DiscordConnectorContractTest extends ConnectorContractTest {

    static final String TOKEN = "MTA2.contract-token.secret";
    static final String GUILD = "1112631390438166618";
    static final String CHANNEL = "1517622518662434996";
    static final String PERSON = "445566778899001122";

    static FakeDiscord fake;
    private PlatformHarness harness;

    @BeforeAll
    static void startFake() throws Exception {
        fake = new FakeDiscord(TOKEN, GUILD, List.of(CHANNEL));
    }

    @AfterAll
    static void stopFake() throws Exception {
        fake.close();
    }

    @BeforeEach
    void newHarness() {
        harness = new FakeDiscordHarness(fake.posted(CHANNEL).size());
    }

    @Override
    protected PlatformHarness harness() {
        return harness;
    }

    /** Discord assigns message ids itself: the harness maps the test's ids to the fake's snowflakes. */
    private static final class FakeDiscordHarness implements PlatformHarness {

        private final int postedBefore;
        private final Map<String, String> snowflakes = new ConcurrentHashMap<>();

        FakeDiscordHarness(int postedBefore) {
            this.postedBefore = postedBefore;
        }

        @Override
        public Connector newConnector(ConnectorContext ctx) throws ConnectorException {
            return new DiscordConnectorProvider().create(new ConnectorConfig("discord", Map.of("token", TOKEN,
                    "guild", GUILD, "channel", CHANNEL, "apiBase", fake.apiBase(), "gatewayUrl", fake.gatewayUrl())),
                    ctx);
        }

        @Override
        public void userSays(String userId, String conversationId, String messageId, String text) {
            snowflakes.put(messageId, fake.userSays(conversationId, userId, "person", text));
        }

        @Override
        public List<String> botMessages(String conversationId) {
            List<Posted> all = fake.posted(conversationId);
            return all.subList(Math.min(postedBefore, all.size()), all.size()).stream().map(Posted::content).toList();
        }

        @Override
        public void dropConnection() {
            fake.dropConnection();
        }

        @Override
        public void redeliver(String messageId) {
            fake.redeliver(snowflakes.getOrDefault(messageId, messageId));
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
