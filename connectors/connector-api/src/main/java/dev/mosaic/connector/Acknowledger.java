package dev.mosaic.connector;

/**
 * Optional capability: shows a message's progress on the platform without sending text, for
 * example as a reaction (Discord) or a read receipt (Matrix).
 */
public interface Acknowledger {

    /** Progress of handling one inbound message. */
    enum Ack { RECEIVED, DONE, FAILED }

    /** Marks {@code message} with {@code ack}, replacing an earlier mark where the platform allows. */
    void acknowledge(InboundMessage message, Ack ack) throws ConnectorException;
}
