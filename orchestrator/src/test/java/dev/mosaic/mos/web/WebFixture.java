package dev.mosaic.mos.web;

import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.audit.AuditLog;
import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.RosterStore;
import dev.mosaic.mos.chat.ChatConfig;
import dev.mosaic.mos.chat.ChatRouter;
import dev.mosaic.mos.app.Application;
import dev.mosaic.mos.app.AuditTrail;
import dev.mosaic.mos.app.FleetOperations;
import dev.mosaic.mos.chat.MessageDeduper;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.testing.PrivateTmux;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real fleet on a private throwaway tmux socket (agents run an interactive bash), a roster on
 * disk with three web principals (owner: admin, ops: operator, watcher: viewer), the real chat
 * router running CLI verbs, and the web server on a free loopback port.
 */
final class WebFixture implements AutoCloseable {

    private final PrivateTmux tmux = new PrivateTmux();
    final String socket = tmux.socket();
    final Path home;
    final MosaicEnv env;
    final RosterStore store;
    final Fleet fleet;
    final AuditLog audit;
    final Application app;
    final ChatRouter router;
    final WebServer web;
    final URI base;
    final HttpClient http = HttpClient.newHttpClient();
    private final ProcessCommandRunner runner = new ProcessCommandRunner();

    WebFixture(Path home) throws Exception {
        this(home, List.of());
    }

    /** @param origins {@code MOSAIC_WEB_ORIGINS}: extra origins (and with them host names) the server accepts */
    WebFixture(Path home, List<String> origins) throws Exception {
        this.home = home;
        Path rosterFile = home.resolve("fleet/roster.yaml");
        Files.createDirectories(rosterFile.getParent());
        Files.writeString(rosterFile, """
                version: 1
                fleet: { name: webtest, type: coding, comms: tmux }
                orchestrator: { name: mos, runtime: shell, command: cat, workdir: %1$s }
                principals:
                  owner: { role: admin, web: owner }
                  ops: { role: operator, web: ops }
                  watcher: { role: viewer, web: watcher }
                agents:
                  - { name: coder-1, role: coder, runtime: shell, workdir: %1$s }
                  - { name: coder-2, role: coder, runtime: shell, workdir: %1$s }
                """.formatted(home));
        Map<String, String> environment = Map.of("MOSAIC_HOME", home.toString(), "MOSAIC_TMUX_SOCKET", socket,
                "MOSAIC_AGENT_RUNTIME", "shell", "USER", "tester", "HOME", home.toString());
        env = MosaicEnv.from(environment, home, null);
        store = new RosterStore(rosterFile, env.presetsDir());
        fleet = new Fleet(store::load, store.runtimes()::resolve, env, Clock.systemUTC(), runner, Map.of(), home, false);
        audit = new AuditLog(env.auditLog());
        CliContext cli = new CliContext(environment, home, Clock.systemUTC(), false, "test", InputStream.nullInputStream(),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        // one fleet and one application for the chat panel and the API, as in the service
        app = new Application(new FleetOperations(fleet, store, env, (agent, from, text) -> {
            throw new AssertionError("no rooms in this fixture");
        }), new AuditTrail(audit, Clock.systemUTC()), Clock.systemUTC(), Duration.ofMinutes(2),
                ChatConfig.defaults().rateLimit());
        router = new ChatRouter(ChatConfig.defaults(), store::load, app,
                (msg, who) -> fleet.send(store.load().orchestrator().agent().name(), msg.text()),
                new MessageDeduper(home.resolve("state/seen.txt"), 1000, Clock.systemUTC().instant()),
                Clock.systemUTC(), (agent, conversation) -> { });
        web = new WebServer(new WebConfig("127.0.0.1", 0, home.resolve("run/web-tokens.json"), origins), fleet,
                store::load, app, Clock.systemUTC(), router);
        base = web.start();
    }

    Roster roster() {
        return store.load();
    }

    void startAgents() {
        var report = fleet.start(List.of());
        if (!report.failed().isEmpty()) {
            throw new AssertionError("agents failed to start: " + report.failed());
        }
    }

    String token(String webId) {
        String url = web.loginUrl(webId).orElseThrow().toString();
        return url.substring(url.indexOf("token=") + 6);
    }

    /** The page's own origin, as a browser sends it in {@code Origin}. */
    String origin() {
        return "http://" + base.getHost() + ":" + base.getPort();
    }

    /**
     * Logs in as a browser does (the login URL's confirm page, then its same-origin POST) and
     * returns the session cookie's value.
     */
    String login(String webId) throws Exception {
        HttpResponse<String> r = postLogin(token(webId), origin());
        if (r.statusCode() != 303) {
            throw new AssertionError("login as " + webId + " answered " + r.statusCode() + ": " + r.body());
        }
        return sessionCookie(r);
    }

    /** {@code POST /login} with the confirm page's form body, from {@code origin} (null: no Origin). */
    HttpResponse<String> postLogin(String token, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("login")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + java.net.URLEncoder.encode(token,
                        java.nio.charset.StandardCharsets.UTF_8)));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the {@code mosaic_session} cookie a response sets. */
    static String sessionCookie(HttpResponse<?> r) {
        String c = r.headers().allValues("Set-Cookie").stream().filter(v -> v.startsWith("mosaic_session="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + r.headers().map()));
        return c.substring("mosaic_session=".length(), c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
    }

    /** A GET with the session cookie, as the page's scripts send it. */
    HttpResponse<String> getWithCookie(String path, String session) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Cookie", "mosaic_session=" + session).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String json, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Runs tmux on the private socket behind the server's back (a person at a terminal). */
    String tmux(String... args) {
        return tmux.run(args);
    }

    @Override
    public void close() {
        web.stop();
        audit.flush(); // the records of reads are written in the background: done before the directory goes
        fleet.close();
        tmux.kill();
    }
}
