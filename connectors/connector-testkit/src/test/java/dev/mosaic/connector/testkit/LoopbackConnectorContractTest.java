package dev.mosaic.connector.testkit;

import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.InboundMessage;

import java.time.Instant;
import java.util.List;

/** The loopback connector keeps the connector contract. */
class LoopbackConnectorContractTest extends ConnectorContractTest {

    private LoopbackConnector last;

    @Override
    protected PlatformHarness harness() {
        return new PlatformHarness() {
            @Override
            public Connector newConnector(ConnectorContext ctx) {
                last = new LoopbackConnector(ctx);
                return last;
            }

            @Override
            public void userSays(String userId, String conversationId, String messageId, String text) {
                last.say(new InboundMessage(messageId, last.channel(conversationId), last.user(userId), text,
                        Instant.now(), Addressing.NONE));
            }

            @Override
            public List<String> botMessages(String conversationId) {
                return last.sentTexts(conversationId);
            }

            @Override
            public void dropConnection() {
                last.dropConnection();
            }

            @Override
            public void redeliver(String messageId) {
                last.redeliver(messageId);
            }

            @Override
            public String allowedUserId() {
                return "1234567890";
            }

            @Override
            public String conversationId() {
                return "general";
            }
        };
    }
}
