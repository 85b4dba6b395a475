package dev.mosaic.fleet;

import java.util.Objects;

/**
 * Base of the one-exception-per-area types of Mos (roster, tmux, audit, ...). Its message is
 * written for the person who has to fix the problem: it names the file, line or value involved.
 * Its {@link Kind} says whose problem it is, so each surface maps it in one place (CLI exit code,
 * HTTP status, a chat reply) without reading the message.
 */
public class MosaicException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of failure this is, for the mapping each front door makes once. */
    public enum Kind {
        /** A named thing (agent, conversation, route) does not exist. HTTP 404. */
        NOT_FOUND,
        /** The request itself is wrong: a malformed name, a missing value, a bad option. HTTP 400. */
        INVALID,
        /** The request is fine but the fleet's current state refuses it (agent not running). HTTP 409. */
        CONFLICT,
        /** The caller's role does not allow it. HTTP 403. */
        FORBIDDEN,
        /** Something Mos depends on cannot serve right now (tmux, the audit log, a connector). HTTP 503. */
        UNAVAILABLE
    }

    private final Kind kind;

    /** A failure of this area's default kind (see {@link #defaultKind()}). */
    public MosaicException(String message) {
        super(message);
        this.kind = null;
    }

    public MosaicException(String message, Throwable cause) {
        super(message, cause);
        this.kind = null;
    }

    public MosaicException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public MosaicException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** What kind of failure this is: the kind given at construction, else the area's default. */
    public final Kind kind() {
        return kind != null ? kind : defaultKind();
    }

    /** The kind of a failure of this area when the thrower named none; unavailable unless overridden. */
    protected Kind defaultKind() {
        return Kind.UNAVAILABLE;
    }
}
