package dev.mosaic.connector;

import java.util.function.Consumer;

/**
 * A live link to one chat platform account.
 *
 * <p>Lifecycle: {@link #start} once, any number of {@link #send} calls, {@link #close} once.
 * The service's supervisor restarts a connector by closing it and creating a new one, so an
 * implementation need not support restarting itself. Internal reconnects (a dropped gateway, a
 * failed long poll) are the connector's own business; it reports them through
 * {@link ConnectorContext#reportState}.
 *
 * <p>Thread safety: {@link #send} may be called from several threads at once. The inbound
 * consumer may be called from any thread, but a connector delivers messages of one conversation
 * in platform order.
 */
public interface Connector extends AutoCloseable {

    /** What this connector can render and how long one message may be. */
    ConnectorCapabilities capabilities();

    /**
     * Connects and begins delivering messages to {@code inbound}. Returns once connected (or
     * throws); delivery then continues on the connector's own threads until {@link #close}.
     *
     * <p>A connector delivers every message a person could mean for Mos: direct messages,
     * mentions, slash commands, and ordinary messages in its configured conversations (the
     * service checks for the command prefix). It must not deliver its own messages. Messages
     * sent before {@link ConnectorContext#startedAt()} should not be delivered on first connect.
     *
     * @throws ConnectorException when connecting fails; {@link ConnectorException#permanent()}
     *     tells the supervisor whether retrying can help (a rejected token cannot)
     */
    void start(Consumer<InboundMessage> inbound) throws ConnectorException;

    /**
     * Sends a message, split into as many platform messages as
     * {@link ConnectorCapabilities#maxMessageLength()} requires (see {@link TextSplitter}).
     * Returns when the platform accepted every part.
     */
    void send(OutboundMessage message) throws ConnectorException;

    /** Disconnects and releases threads. Idempotent; never throws. */
    @Override
    void close();
}
