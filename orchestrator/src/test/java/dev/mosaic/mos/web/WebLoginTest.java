package dev.mosaic.mos.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.fleet.audit.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 11 row 11: the login URL shows a confirm page and only its same-origin POST sets the
 * cookie; the cookie is a server-side session (logout and revocation end it); failed logins are
 * rate limited per client, logged and audited without the token; a foreign Host is refused; the
 * cookie is Secure when the login came through an https origin.
 */
class WebLoginTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private WebFixture fx;

    @AfterEach
    void tearDown() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void aLinkOnAnotherSiteCannotLogAVictimIn() throws Exception {
        fx = new WebFixture(home);
        String token = fx.token("watcher");
        // following the link only shows whom it would log in as; no cookie yet
        HttpResponse<String> page = fx.get("login?token=" + token, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Log in as watcher").contains("(viewer)");
        assertThat(page.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("form-action 'self'").contains("frame-ancestors 'none'"));
        // a form on another site posting the token, or a post without Origin, sets nothing
        for (String origin : new String[] {"http://evil.example", null}) {
            HttpResponse<String> forged = fx.postLogin(token, origin);
            assertThat(forged.statusCode()).as("Origin %s", origin).isEqualTo(403);
            assertThat(JSON.readTree(forged.body()).at("/error/code").asText()).isEqualTo("bad_origin");
            assertThat(forged.headers().allValues("Set-Cookie")).isEmpty();
        }
        // the confirm page's own form logs in
        HttpResponse<String> own = fx.postLogin(token, fx.origin());
        assertThat(own.statusCode()).isEqualTo(303);
        assertThat(fx.getWithCookie("api/v1/whoami", WebFixture.sessionCookie(own)).body()).contains("\"watcher\"");
    }

    @Test
    void theCookieIsARandomSessionIdThatLogoutAndRevocationEnd() throws Exception {
        fx = new WebFixture(home);
        String token = fx.token("ops");
        HttpResponse<String> r = fx.postLogin(token, fx.origin());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .doesNotContainIgnoringCase("Secure");
        String first = WebFixture.sessionCookie(r);
        String second = fx.login("ops");
        assertThat(first).isNotEqualTo(token).isNotEqualTo(second).hasSizeGreaterThanOrEqualTo(43);
        assertThat(fx.getWithCookie("api/v1/fleet", first).statusCode()).isEqualTo(200);
        // the token itself as a cookie is no session
        assertThat(fx.getWithCookie("api/v1/fleet", token).statusCode()).isEqualTo(401);
        // the session store holds no usable cookie
        Path sessions = home.resolve("run/web-sessions.json");
        assertThat(Files.getPosixFilePermissions(sessions)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(sessions)).doesNotContain(first, second, token);

        // logout ends that session, not the other
        HttpResponse<String> out = fx.post("logout", null, "", Map.of("Cookie", "mosaic_session=" + first,
                "Origin", fx.origin()));
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(fx.getWithCookie("api/v1/fleet", first).statusCode()).isEqualTo(401);
        assertThat(fx.getWithCookie("api/v1/fleet", second).statusCode()).isEqualTo(200);

        // a restart keeps the session; deleting the token ends it
        fx.web.stop();
        WebServer again = new WebServer(new WebConfig("127.0.0.1", 0, home.resolve("run/web-tokens.json"), List.of()),
                fx.fleet, fx.store::load, fx.app, Clock.systemUTC());
        try {
            java.net.URI base = again.start();
            assertThat(getWithCookie(base, "api/v1/fleet", second)).isEqualTo(200);
            Path tokens = home.resolve("run/web-tokens.json");
            Files.writeString(tokens, Files.readString(tokens).replace("\"" + token + "\"", "\"revoked-by-hand\""));
            assertThat(getWithCookie(base, "api/v1/fleet", second)).isEqualTo(401);
        } finally {
            again.stop();
        }
    }

    @Test
    void failedLoginsAreRateLimitedPerClientLoggedAndAuditedWithoutTheToken() throws Exception {
        fx = new WebFixture(home);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger guard = (Logger) LoggerFactory.getLogger(LoginGuard.class);
        log.start();
        guard.addAppender(log);
        try {
            String guess = "guessed-token-AAAA";
            for (int i = 0; i < LoginGuard.MAX_FAILURES; i++) {
                HttpResponse<String> r = i % 2 == 0 ? fx.get("login?token=" + guess + i, null)
                        : fx.postLogin(guess + i, fx.origin());
                assertThat(r.statusCode()).as("attempt %d", i + 1).isEqualTo(401);
            }
            HttpResponse<String> limited = fx.get("login?token=" + guess, null);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(s ->
                    assertThat(Integer.parseInt(s)).isBetween(1, 61));
            assertThat(JSON.readTree(limited.body()).at("/error/message").asText()).contains("too many failed logins");
            // while limited, even the right token waits: guessing cannot go on in between
            assertThat(fx.postLogin(fx.token("owner"), fx.origin()).statusCode()).isEqualTo(429);
            // a Bearer script is not a login and is not held up
            assertThat(fx.get("api/v1/fleet", fx.token("owner")).statusCode()).isEqualTo(200);

            List<AuditRecord> logins = fx.audit.read().stream().map(e -> e.record())
                    .filter(a -> a.action().equals("web.login")).toList();
            assertThat(logins).hasSize(LoginGuard.MAX_FAILURES + 1).allSatisfy(a -> {
                assertThat(a.result()).isEqualTo("refused");
                assertThat(a.target()).isEqualTo("127.0.0.1");
            });
            assertThat(logins.get(logins.size() - 1).details().get("reason")).isEqualTo("rate-limited");
            assertThat(Files.readString(fx.audit.file())).doesNotContain(guess);
            assertThat(log.list).hasSizeGreaterThanOrEqualTo(LoginGuard.MAX_FAILURES)
                    .allSatisfy(e -> assertThat(e.getFormattedMessage()).contains("127.0.0.1").doesNotContain(guess));
        } finally {
            guard.detachAppender(log);
        }
    }

    @Test
    void aSuccessfulLoginIsAudited() throws Exception {
        fx = new WebFixture(home);
        fx.login("owner");
        assertThat(fx.audit.read()).anySatisfy(e -> {
            assertThat(e.record().action()).isEqualTo("web.login");
            assertThat(e.record().actor()).isEqualTo("web:owner");
            assertThat(e.record().result()).isEqualTo("ok");
        });
    }

    @Test
    void requestsNamingAForeignHostAreRefusedBeforeAnythingElse() throws Exception {
        fx = new WebFixture(home);
        String token = fx.token("owner");
        int port = fx.base.getPort();
        // DNS rebinding: a page on evil.example whose name now points at 127.0.0.1
        String refused = raw(port, "GET /api/v1/fleet HTTP/1.1\r\nHost: evil.example:" + port
                + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
        assertThat(refused).startsWith("HTTP/1.1 421").contains("bad_host").contains("MOSAIC_WEB_ORIGINS")
                .doesNotContain("coder-1");
        assertThat(raw(port, "GET /login?token=" + token + " HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 421").doesNotContain(token);
        assertThat(raw(port, "GET /api/v1/agents/coder-1/stream HTTP/1.1\r\nHost: evil.example:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nOrigin: http://evil.example:" + port + "\r\nAuthorization: Bearer "
                + token + "\r\n\r\n")).startsWith("HTTP/1.1 421");
        for (String host : new String[] {"127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port}) {
            assertThat(raw(port, "GET /api/v1/fleet HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n")).as(host).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void behindAnHttpsOriginTheCookieIsSecureAndItsHostIsAllowed() throws Exception {
        fx = new WebFixture(home, List.of("https://mos.example.org"));
        String token = fx.token("owner");
        String body = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        String r = raw(fx.base.getPort(), "POST /login HTTP/1.1\r\nHost: mos.example.org\r\n"
                + "Origin: https://mos.example.org\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(r).startsWith("HTTP/1.1 303");
        String cookie = r.lines().filter(l -> l.regionMatches(true, 0, "Set-Cookie:", 0, 11)).findFirst().orElseThrow();
        assertThat(cookie).contains("mosaic_session=").containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly");
        // the same server reached directly over http sets no Secure (the browser would drop the cookie)
        assertThat(fx.postLogin(token, fx.origin()).headers().firstValue("Set-Cookie").orElseThrow())
                .doesNotContainIgnoringCase("Secure");
    }

    private int getWithCookie(java.net.URI base, String path, String session) throws Exception {
        return fx.http.send(java.net.http.HttpRequest.newBuilder(base.resolve(path))
                .header("Cookie", "mosaic_session=" + session).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** One raw HTTP/1.1 exchange: the JDK's client will not send a Host header of our choosing. */
    private static String raw(int port, String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    got.write(buf, 0, n);
                    if (!request.contains("Connection: close") && got.toString(StandardCharsets.UTF_8).contains("\r\n\r\n")) {
                        break; // an upgrade refused or accepted: the status line is all we need
                    }
                }
            } catch (java.net.SocketTimeoutException enough) {
                // the server keeps the connection open: what arrived is the answer
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }
}
