package dev.mosaic.mos.web;

import dev.mosaic.connector.Connector;
import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.audit.AuditLog;
import dev.mosaic.fleet.roster.Principal;
import dev.mosaic.fleet.roster.Role;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.mos.app.Application;
import dev.mosaic.mos.chat.ChatRouter;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Mos web UI and HTTP API (docs/http-api.md, docs/web.md): a Javalin server that shows the
 * fleet live, streams panes, lets operators butt in, start, stop and restart agents, and carries
 * a chat panel that speaks to the same {@link ChatRouter} as every other connector.
 *
 * <pre>{@code
 * WebServer web = new WebServer(WebConfig.defaults(env), fleet, store::load, app, Clock.systemUTC());
 * web.chat().start(msg -> router.handle(msg, web.chat()));   // or pass the router to the other constructor
 * URI base = web.start();                                     // creates missing tokens, binds, starts the poller
 * web.adminLoginUrl().ifPresent(u -> out.println("Web UI: " + u));
 * ...
 * web.stop();
 * }</pre>
 */
public final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final WebConfig config;
    private final Fleet fleet;
    private final Supplier<Roster> roster;
    private final Application application;
    private final TokenStore tokens;
    private final WebAuth auth;
    private final AllowedHosts hosts;
    private final LoginRoutes login;
    private final EventHub hub = new EventHub();
    private final FleetEvents events;
    private final WebChat chat;
    private final PaneStream streams;
    private final ScheduledExecutorService streamScheduler;
    private final ApiRoutes api;
    private final PageRoutes pages;
    private Javalin app;
    private URI base;

    /**
     * @param fleet the process's fleet, for live reads (pane screens, the fleet poller)
     * @param app the application layer every action goes through (authorization, audit)
     */
    public WebServer(WebConfig config, Fleet fleet, Supplier<Roster> roster, Application app, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.roster = Objects.requireNonNull(roster, "roster");
        this.application = Objects.requireNonNull(app, "app");
        Objects.requireNonNull(clock, "clock");
        AuditLog audit = app.audit().log();
        this.tokens = new TokenStore(config.tokenFile());
        WebSessions sessions = new WebSessions(config.tokenFile().resolveSibling("web-sessions.json"), clock);
        this.auth = new WebAuth(tokens, sessions, roster, config.extraOrigins());
        this.hosts = new AllowedHosts(config.host(), config.extraOrigins());
        this.login = new LoginRoutes(auth, sessions, new LoginGuard(app.audit(), clock));
        this.events = new FleetEvents(fleet, audit, hub, Duration.ofSeconds(1));
        this.chat = new WebChat(hub, clock);
        PaneScreen screens = new PaneScreen(fleet, roster);
        this.streamScheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "mosaic-web-stream");
            t.setDaemon(true);
            return t;
        });
        // an open pane stream re-checks its holder before every capture: revoked → closed within 200 ms
        this.streams = new PaneStream(screens, c -> PaneAccess.require(app, auth.authenticate(c)), streamScheduler,
                Duration.ofMillis(200));
        this.api = new ApiRoutes(roster, app, screens, events, hub, chat, c -> auth.authenticate(c));
        this.pages = new PageRoutes();
    }

    /** As the other constructor, with the chat panel wired to {@code router} (the service's one). */
    public WebServer(WebConfig config, Fleet fleet, Supplier<Roster> roster, Application app, Clock clock,
                     ChatRouter router) {
        this(config, fleet, roster, app, clock);
        chat.start(msg -> router.handle(msg, chat));
    }

    /**
     * The built-in {@code web} chat connector. Start it with the service's inbound consumer (unless
     * a router was given to the constructor); send to it to reach a person's open pages, e.g. the
     * orchestrator agent's {@code mos say} answer to conversation {@code web:<web id>}.
     */
    public Connector chat() {
        return chat;
    }

    /**
     * Creates a token for every principal with a {@code web} id (keeping existing ones), refuses a
     * non-loopback bind when no token exists, binds, and starts the fleet poller.
     *
     * @return the base URL, e.g. {@code http://127.0.0.1:7878/}
     * @throws WebException when the bind is refused or the port is taken
     */
    public synchronized URI start() {
        if (app != null) {
            return base;
        }
        Map<String, String> made = tokens.ensure(webIds(roster.get()));
        if (!config.loopback() && made.isEmpty() && tokens.isEmpty()) {
            throw new WebException(500, "insecure_bind", "refusing to serve the web UI on " + config.host()
                    + " without a token: give a principal a web id (principals: owner: {role: admin, web: owner})");
        }
        Javalin created = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.http.maxRequestSize = 64 * 1024;
            ErrorMapper.register(cfg.routes);
            cfg.routes.before(this::authenticate);
            cfg.routes.wsBeforeUpgrade(this::authenticateUpgrade);
            login.register(cfg.routes);
            pages.register(cfg.routes);
            api.register(cfg.routes);
            cfg.routes.ws("/api/v1/agents/{name}/stream", streams::configure);
        });
        try {
            created.start();
        } catch (RuntimeException e) {
            throw new WebException(500, "bind_failed", "cannot serve the web UI on " + config.host() + ":"
                    + config.port() + ": " + rootMessage(e));
        }
        app = created;
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        base = URI.create("http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + app.port() + "/");
        events.start();
        // event streams whose token, session or principal went away are closed within half a second
        streamScheduler.scheduleWithFixedDelay(this::revalidateStreams, 500, 500, TimeUnit.MILLISECONDS);
        adminLoginUrl().ifPresent(this::writeLoginUrl);
        return base;
    }

    /** The bound port (after {@link #start}). */
    public int port() {
        requireStarted();
        return app.port();
    }

    /** The login URL of one web id, carrying its token ({@code /login?token=...}). */
    public Optional<URI> loginUrl(String webId) {
        requireStarted();
        String token = tokens.ensure(List.of(webId)).get(webId);
        return Optional.of(base.resolve("login?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    }

    /**
     * The first admin's login URL (principals in name order), also written 0600 to
     * {@code web-url.txt} beside the token file; empty when no admin has a web id.
     */
    public Optional<URI> adminLoginUrl() {
        requireStarted();
        return roster.get().principals().values().stream()
                .filter(p -> p.role() == Role.ADMIN && p.idOn(WebAuth.PLATFORM).isPresent())
                .min(Comparator.comparing(Principal::name))
                .flatMap(p -> loginUrl(p.idOn(WebAuth.PLATFORM).orElseThrow()));
    }

    /** Stops serving: closes event streams, pane streams, the poller and the HTTP server. Idempotent. */
    public synchronized void stop() {
        events.close();
        streams.close();
        hub.closeAll();
        streamScheduler.shutdownNow();
        chat.close();
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void authenticate(Context ctx) {
        hosts.check(ctx.header("Host")); // before anything else, /login included: no DNS rebinding
        if (ctx.path().equals("/login")) {
            return; // its own checks: token, rate limit, same-origin POST
        }
        String authz = ctx.header("Authorization");
        WebAuth.Credential credential = new WebAuth.Credential(authz, ctx.cookie(WebAuth.COOKIE));
        Caller c = auth.authenticate(credential);
        if (!SAFE_METHODS.contains(ctx.method().name())) {
            auth.checkOrigin(ctx.header("Origin"), ctx.scheme(), ctx.host(), WebAuth.isBearer(authz));
        }
        ctx.attribute(ApiRoutes.CALLER, c);
        ctx.attribute(ApiRoutes.CREDENTIAL, credential);
    }

    /** Every WebSocket is a pane stream: reading panes needs chat's {@code tail} role. */
    private void authenticateUpgrade(Context ctx) {
        hosts.check(ctx.header("Host"));
        String authz = ctx.header("Authorization");
        Caller c = auth.authenticate(authz, ctx.cookie(WebAuth.COOKIE));
        auth.checkOrigin(ctx.header("Origin"), ctx.scheme(), ctx.host(), WebAuth.isBearer(authz));
        PaneAccess.require(application, c);
    }

    private void revalidateStreams() {
        try {
            hub.revalidate();
        } catch (Throwable t) { // NOPMD - a scheduled task that throws is never run again: revocation would stop
            LOG.error("checking open event streams failed; checking again in half a second", t);
        }
    }

    private static List<String> webIds(Roster r) {
        List<String> ids = new ArrayList<>();
        for (Principal p : r.principals().values()) {
            p.idOn(WebAuth.PLATFORM).ifPresent(ids::add);
        }
        return ids;
    }

    private void writeLoginUrl(URI url) {
        Path file = config.tokenFile().resolveSibling("web-url.txt");
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, url + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new WebException(500, "token_store", "cannot write " + file + ": " + e.getMessage());
        }
    }

    private void requireStarted() {
        if (app == null) {
            throw new IllegalStateException("the web server is not started");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
