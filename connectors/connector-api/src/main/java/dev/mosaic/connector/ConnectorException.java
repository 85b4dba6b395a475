package dev.mosaic.connector;

/**
 * The one exception type of the connector area. Its message names the bad value or the failed
 * call and never contains a secret.
 */
public class ConnectorException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean permanent;

    /**
     * @param message what failed, naming the key or value involved
     * @param permanent true when retrying cannot help (bad token, missing configuration)
     */
    public ConnectorException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    public ConnectorException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    /** A transient failure (network, rate limit): the supervisor retries with backoff. */
    public ConnectorException(String message, Throwable cause) {
        this(message, false, cause);
    }

    /** Whether retrying cannot help, so the supervisor should stop and report instead. */
    public boolean permanent() {
        return permanent;
    }
}
