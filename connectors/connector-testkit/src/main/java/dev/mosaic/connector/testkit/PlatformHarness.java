package dev.mosaic.connector.testkit;

import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;

import java.time.Duration;
import java.util.List;

/**
 * A connector's fake platform, as {@link ConnectorContractTest} drives it. Each connector module
 * implements this once over its loopback fake (a fake gateway, homeserver, Bot API ...), speaking
 * the real wire protocol.
 */
public interface PlatformHarness {

    /** Creates a connector pointed at the fake platform. It is started by the contract test. */
    Connector newConnector(ConnectorContext ctx) throws ConnectorException;

    /**
     * Makes a person post {@code text} in a conversation the connector watches, as the platform
     * would deliver it. A message said while the connection is down must reach the connector after
     * it reconnects (as a real platform's resume / sync would), not be lost.
     *
     * @param messageId the platform id for the message; fakes whose platform assigns ids itself
     *     may ignore it, but must then use a fresh id per call
     */
    void userSays(String userId, String conversationId, String messageId, String text);

    /** What the bot posted in the conversation, as the fake platform saw it, oldest first. */
    List<String> botMessages(String conversationId);

    /** Breaks the live connection (closes the socket, fails the long poll ...). */
    void dropConnection();

    /** Delivers an already posted message again, with the same id. */
    void redeliver(String messageId);

    /** The immutable platform id of a person allowed to talk to the bot. */
    String allowedUserId();

    /** The id of a conversation the connector watches. */
    String conversationId();

    /** How long a reconnect may take before the contract test fails. */
    default Duration reconnectTimeout() {
        return Duration.ofSeconds(30);
    }
}
