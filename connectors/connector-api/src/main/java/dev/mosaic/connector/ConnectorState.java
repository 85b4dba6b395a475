package dev.mosaic.connector;

/** The health of a connector as shown by {@code mosaic mos status}. */
public enum ConnectorState {
    /** Created, not yet started. */
    NEW,
    /** Connecting or reconnecting. */
    CONNECTING,
    /** Connected and receiving messages. */
    CONNECTED,
    /** Lost its connection; the connector or the supervisor is retrying. */
    DEGRADED,
    /** Failed in a way retrying cannot fix (for example a rejected token). */
    FAILED,
    /** Closed. */
    STOPPED
}
