package dev.mosaic.mos.web;

import dev.mosaic.connector.ConnectorException;
import dev.mosaic.mos.service.ServiceContext;
import dev.mosaic.mos.service.ServiceComponent;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plugs the web UI into {@code mosaic mos serve} / {@code mosaic up} (found with ServiceLoader).
 * Settings come from the service's environment: {@code MOSAIC_WEB_BIND} (default {@code 127.0.0.1}),
 * {@code MOSAIC_WEB_PORT} (default 7878), {@code MOSAIC_WEB_ORIGINS} (comma-separated extra
 * origins, e.g. a TLS reverse proxy's) and {@code MOSAIC_WEB=off} to serve no web UI. On start it
 * prints the admin's login URL (it carries the token) when a person sits at the service's terminal;
 * otherwise (systemd: the journal) only the address and where the URL is ({@code mosaic mos web-url},
 * the 0600 file {@code $MOSAIC_HOME/run/web-url.txt}).
 */
public final class WebComponent implements ServiceComponent {

    private final Map<String, String> environmentOverride;
    private final PrintWriter outOverride;
    private final Clock clock;
    private WebServer server;
    private ServiceContext attachedTo;

    /**
     * The ServiceLoader constructor: settings come from the environment the service was started
     * with ({@link ServiceContext#environment()}), output goes to its terminal.
     */
    public WebComponent() {
        this.environmentOverride = null;
        this.outOverride = null;
        this.clock = Clock.systemUTC();
    }

    /** For tests and embedding: explicit settings and output instead of the service's. */
    public WebComponent(Map<String, String> environment, PrintWriter out, Clock clock) {
        this.environmentOverride = Map.copyOf(environment);
        this.outOverride = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return "web";
    }

    @Override
    public synchronized void start(ServiceContext service) throws ConnectorException {
        Map<String, String> environment = environmentOverride != null ? environmentOverride : service.environment();
        PrintWriter out = outOverride != null ? outOverride : service.console();
        if ("off".equalsIgnoreCase(environment.getOrDefault("MOSAIC_WEB", "on"))) {
            return;
        }
        WebConfig config = config(environment, service);
        URI base;
        try {
            base = startOn(config, service);
        } catch (WebException e) {
            if (!e.code().equals("bind_failed") || environment.containsKey("MOSAIC_WEB_PORT")) {
                throw e;
            }
            // the default port is taken (a second fleet, another program): any free port beats no web UI
            out.println("warning: " + e.getMessage() + "; serving the web UI on a free port instead"
                    + " (set MOSAIC_WEB_PORT to choose one)");
            base = startOn(new WebConfig(config.host(), 0, config.tokenFile(), config.extraOrigins()), service);
        }
        // The chat panel joins the service like any connector, so `mos say` answers reach the page.
        service.attachConnector(WebAuth.PLATFORM, server.chat());
        attachedTo = service;
        URI login = server.adminLoginUrl().orElse(null);
        boolean attended = outOverride != null || service.attended();
        if (login != null && attended) {
            out.println("Web UI: " + login + "  (keep this URL private: it carries your token)");
        } else if (login != null) {
            // a log is no place for a credential: the URL is in a private file and on demand
            out.println("Web UI: " + base + " (the login URL: 'mosaic mos web-url')");
        } else {
            out.println("Web UI: " + base + " (no admin has a web id: add 'web: owner' to a principal for a login URL)");
        }
        out.flush();
    }

    private URI startOn(WebConfig config, ServiceContext service) {
        WebServer s = new WebServer(config, service.fleet(), service::roster, service.app(), clock);
        try {
            URI base = s.start();
            server = s;
            return base;
        } catch (RuntimeException e) {
            s.stop();
            throw e;
        }
    }

    /** The bound port while running, for tests and status. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the web UI is not running");
        }
        return server.port();
    }

    static WebConfig config(Map<String, String> env, ServiceContext service) {
        String host = env.getOrDefault("MOSAIC_WEB_BIND", WebConfig.DEFAULT_HOST).strip();
        String rawPort = env.getOrDefault("MOSAIC_WEB_PORT", String.valueOf(WebConfig.DEFAULT_PORT)).strip();
        int port;
        try {
            port = Integer.parseInt(rawPort);
        } catch (NumberFormatException e) {
            throw WebException.badRequest("MOSAIC_WEB_PORT must be a port number, was '" + rawPort + "'");
        }
        String origins = env.getOrDefault("MOSAIC_WEB_ORIGINS", "").strip();
        List<String> extra = origins.isEmpty() ? List.of() : List.of(origins.split("\\s*,\\s*"));
        return new WebConfig(host, port, WebConfig.tokenFile(service.env()), extra);
    }

    @Override
    public synchronized void close() {
        if (attachedTo != null && server != null) {
            attachedTo.detachConnector(WebAuth.PLATFORM, server.chat());
            attachedTo = null;
        }
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
