package dev.mosaic.mos.web;

import dev.mosaic.fleet.MosaicException;

/**
 * A request the web API refuses, with the HTTP status and the machine-readable code of the JSON
 * error body ({@code {"error":{"code":"...","message":"..."}}}).
 */
public final class WebException extends MosaicException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    public WebException(int status, String code, String message) {
        this(status, code, message, 0);
    }

    /** A refusal that ends by itself: answered with {@code Retry-After: retryAfterSeconds}. */
    public WebException(int status, String code, String message, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Its kind, from its status, for code that maps every door's failures alike. */
    @Override
    protected Kind defaultKind() {
        return switch (status) {
            case 400 -> Kind.INVALID;
            case 401, 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.NOT_FOUND;
            case 409 -> Kind.CONFLICT;
            default -> Kind.UNAVAILABLE;
        };
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Seconds after which the same request may succeed; 0 when waiting does not help. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static WebException badRequest(String message) {
        return new WebException(400, "bad_request", message);
    }

    static WebException unauthorized(String message) {
        return new WebException(401, "unauthorized", message);
    }

    static WebException forbidden(String code, String message) {
        return new WebException(403, code, message);
    }

    static WebException notFound(String message) {
        return new WebException(404, "not_found", message);
    }
}
