package dev.mosaic.mos.app;

import dev.mosaic.fleet.MosaicException;

/**
 * An operation refused by the application layer itself (not by the fleet below it): a role too
 * low, an argument that is not valid, nothing pending to confirm. Its {@link #kind()} decides the
 * exit code, chat reply and HTTP status.
 */
public final class AppException extends MosaicException {

    private static final long serialVersionUID = 1L;

    public AppException(Kind kind, String message) {
        super(kind, message);
    }

    public static AppException invalid(String message) {
        return new AppException(Kind.INVALID, message);
    }

    public static AppException forbidden(String message) {
        return new AppException(Kind.FORBIDDEN, message);
    }

    public static AppException notFound(String message) {
        return new AppException(Kind.NOT_FOUND, message);
    }
}
