package dev.mosaic.mos.web;

import dev.mosaic.fleet.roster.Principal;
import dev.mosaic.fleet.roster.Roster;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who is calling, and from which page. A request carries a token as {@code Authorization: Bearer}
 * or the {@value #COOKIE} cookie, a session id that {@code POST /login} handed out
 * ({@link WebSessions}); the token (or the session's token, which must still exist) maps to a web
 * id, the web id to a roster principal (read per request, so a role change applies at once).
 * State-changing requests and WebSocket upgrades must come from the server's own origin, which
 * defeats cross-site requests riding on the cookie.
 */
final class WebAuth {

    static final String COOKIE = "mosaic_session";
    static final String PLATFORM = "web";

    private final TokenStore tokens;
    private final WebSessions sessions;
    private final Supplier<Roster> roster;
    private final Set<String> extraOrigins;

    /**
     * What a request authenticated with, kept by open streams to check again and again whether
     * it still holds (a revoked token or a removed principal ends the stream).
     */
    record Credential(String authorization, String cookie) {
    }

    WebAuth(TokenStore tokens, WebSessions sessions, Supplier<Roster> roster, List<String> extraOrigins) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.roster = Objects.requireNonNull(roster, "roster");
        this.extraOrigins = Set.copyOf(extraOrigins);
    }

    /**
     * The caller of a request with these headers.
     *
     * @throws WebException 401 without a known token, 403 when the token's web id is no principal
     */
    Caller authenticate(String authorization, String cookie) {
        if (isBearer(authorization)) {
            String token = authorization.substring(7).strip();
            String webId = tokens.webIdFor(token).orElseThrow(() -> WebException.unauthorized(
                    "unknown or revoked token; open the login URL that 'mosaic up' printed"));
            return new Caller(webId, principal(webId));
        }
        if (cookie == null || cookie.isBlank()) {
            throw WebException.unauthorized("missing token: send 'Authorization: Bearer <token>' or open the login"
                    + " URL that 'mosaic up' printed");
        }
        WebSessions.Session s = sessions.find(cookie)
                .filter(x -> tokens.holds(x.webId(), x.tokenFingerprint()))
                .orElseThrow(() -> WebException.unauthorized("your session ended (logged out, expired, or its token"
                        + " was revoked); open the login URL again"));
        return new Caller(s.webId(), principal(s.webId()));
    }

    /** {@link #authenticate} again with what a request brought, for open streams. */
    Caller authenticate(Credential c) {
        return authenticate(c.authorization(), c.cookie());
    }

    /**
     * True when the request authenticated with a Bearer header ({@link #authenticate} takes the
     * Bearer token whenever the header is one, and refuses it when invalid). Only that exempts a
     * change from the Origin check: any other {@code Authorization} value ({@code Basic …}, even
     * empty) says nothing, and the cookie is what a foreign page can make a browser send.
     */
    static boolean isBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** The principal whose {@code web} id this is; 403 when the roster no longer lists one. */
    Caller callerFor(String webId) {
        return new Caller(webId, principal(webId));
    }

    /** The web id of a login token, if it is one (for {@code /login}). */
    Optional<String> webIdOf(String token) {
        return tokens.webIdFor(token);
    }

    private Principal principal(String webId) {
        Principal p = roster.get().principalsOn(PLATFORM).get(webId);
        if (p == null) {
            throw WebException.forbidden("unknown_principal", "web id '" + webId + "' is not under principals: in"
                    + " the roster (add 'web: " + webId + "' to a principal)");
        }
        return p;
    }

    /**
     * Refuses a request whose {@code Origin} is not the server's own ({@code scheme://Host}) or a
     * configured extra origin. Browsers always send Origin on WebSocket upgrades and cross-site
     * POSTs; a request without one (curl, scripts) passes only when it authenticated with a
     * Bearer header, which a foreign page cannot set.
     */
    void checkOrigin(String origin, String scheme, String host, boolean bearer) {
        if (origin == null || origin.isBlank()) {
            if (bearer) {
                return;
            }
            throw WebException.forbidden("bad_origin", "missing Origin header: cookie-authenticated changes must"
                    + " come from the Mos page itself");
        }
        String own = scheme + "://" + host;
        if (!origin.equalsIgnoreCase(own) && !extraOrigins.contains(origin)) {
            throw WebException.forbidden("bad_origin", "origin '" + origin + "' is not this server (" + own + ")");
        }
    }
}
