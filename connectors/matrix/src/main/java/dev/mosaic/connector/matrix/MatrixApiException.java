package dev.mosaic.connector.matrix;

import dev.mosaic.connector.ConnectorException;

import java.time.Duration;

/**
 * A Matrix homeserver answered with an error ({@code {"errcode": ..., "error": ...}}).
 * The message names the endpoint (without query string or token) and the errcode.
 */
public class MatrixApiException extends ConnectorException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errcode;
    private final Duration retryAfter;

    MatrixApiException(String endpoint, int status, String errcode, String error, Duration retryAfter) {
        super(endpoint + " failed: HTTP " + status + (errcode == null ? "" : " " + errcode)
                        + (error == null || error.isBlank() ? "" : " (" + error + ")"),
                isPermanent(status, errcode));
        this.status = status;
        this.errcode = errcode;
        this.retryAfter = retryAfter;
    }

    private static boolean isPermanent(int status, String errcode) {
        // A rejected or missing token cannot start working by retrying; everything else might.
        return status == 401 || "M_UNKNOWN_TOKEN".equals(errcode) || "M_MISSING_TOKEN".equals(errcode);
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** The Matrix error code, e.g. {@code M_LIMIT_EXCEEDED}, or {@code null}. */
    public String errcode() {
        return errcode;
    }

    /** For a rate-limit answer, how long the server asked us to wait; otherwise {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whether repeating the same request later can succeed (rate limit, server error). */
    public boolean retryable() {
        return status == 429 || status >= 500;
    }
}
