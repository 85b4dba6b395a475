package dev.mosaic.mos.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.util.Objects;

/**
 * Logging a browser in and out. {@code GET /login?token=} only shows a confirm page ("log in as
 * owner (admin)?"); the cookie is set by the page's own form, {@code POST /login}, which must come
 * from this server's origin: a link or form on another site can no longer log a victim in as a
 * principal of the attacker's choosing (login CSRF). The cookie is a fresh session id
 * ({@link WebSessions}), HttpOnly, SameSite=Strict, and {@code Secure} when the login came through
 * an https origin (a TLS reverse proxy's, listed in {@code MOSAIC_WEB_ORIGINS}). Failed logins
 * are rate limited, logged and audited by {@link LoginGuard}.
 */
final class LoginRoutes {

    /** No scripts at all; only the inline styles of this one page; the form posts only here. */
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";
    private static final int MAX_AGE = (int) WebSessions.LIFETIME.toSeconds();

    private final WebAuth auth;
    private final WebSessions sessions;
    private final LoginGuard guard;

    LoginRoutes(WebAuth auth, WebSessions sessions, LoginGuard guard) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    void register(RoutesConfig routes) {
        routes.get("/login", this::confirmPage);
        routes.post("/login", this::login);
        routes.post("/logout", ctx -> {
            // authenticated and origin-checked before it gets here; a Bearer caller has no session to end
            String session = ctx.cookie(WebAuth.COOKIE);
            if (session != null) {
                sessions.close(session);
            }
            ctx.cookie(cookie("", 0, ctx.header("Origin")));
            ctx.status(204);
        });
    }

    private void confirmPage(Context ctx) {
        String client = ctx.ip();
        guard.admit(client);
        String token = ctx.queryParam("token");
        Caller who = caller(client, token);
        ctx.header("Content-Security-Policy", CSP);
        // same-origin, not no-referrer: with no-referrer the browser sends "Origin: null" on the form's
        // POST, which the origin check must refuse; the page links nowhere else, so the URL goes nowhere
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/html; charset=utf-8").result("""
                <!doctype html><html lang="en"><head><meta charset="utf-8">
                <title>Mos: log in</title><style>
                body{background:#0d1117;color:#c9d1d9;font:15px system-ui,sans-serif;padding:3em;max-width:40em}
                button{background:#238636;color:#fff;border:0;border-radius:6px;padding:.6em 1.4em;font-size:15px;cursor:pointer}
                .muted{color:#8b949e}</style></head><body>
                <h1>Log in to Mos</h1>
                <p>This login link makes this browser act as <b id="login-principal">%1$s</b> (%2$s).</p>
                <form method="post" action="/login"><input type="hidden" name="token" value="%3$s">
                <button id="login-confirm" type="submit">Log in as %1$s</button></form>
                <p class="muted">Continue only if you opened a login URL that was meant for you (from
                <code>mosaic mos web-url</code> or your admin). If someone else sent you this link, close the
                page: you would be acting as them.</p></body></html>
                """.formatted(html(who.principal().name()), html(who.principal().role().key()), html(token)));
    }

    private void login(Context ctx) {
        String origin = ctx.header("Origin");
        // only the confirm page itself may set the cookie: a foreign page's form cannot (login CSRF)
        auth.checkOrigin(origin, ctx.scheme(), ctx.host(), false);
        String client = ctx.ip();
        guard.admit(client);
        String token = ctx.formParam("token");
        Caller who = caller(client, token);
        String old = ctx.cookie(WebAuth.COOKIE);
        if (old != null) {
            sessions.close(old);
        }
        ctx.cookie(cookie(sessions.open(who.webId(), token), MAX_AGE, origin));
        guard.succeeded(client, who.webId());
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    /** The principal a login token belongs to; a failure counts against the client. */
    private Caller caller(String client, String token) {
        String webId = token == null || token.isBlank() ? null : auth.webIdOf(token.strip()).orElse(null);
        if (webId == null) {
            guard.failed(client, token == null || token.isBlank() ? "no token" : "unknown or revoked token");
            throw WebException.unauthorized("unknown or revoked token in the login URL; ask for a new one"
                    + " ('mosaic mos web-url' prints the admin's)");
        }
        return auth.callerFor(webId); // 403 when the web id is no principal (any more)
    }

    private static Cookie cookie(String value, int maxAge, String origin) {
        // HttpOnly: page scripts (and anything injected) cannot read it; Strict: never sent cross-site;
        // Secure when the browser reached us over https (a TLS proxy), so it never travels in clear text
        boolean secure = origin != null && origin.regionMatches(true, 0, "https://", 0, 8);
        return new Cookie(WebAuth.COOKIE, value, "/", maxAge, secure, true, null, SameSite.STRICT);
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
