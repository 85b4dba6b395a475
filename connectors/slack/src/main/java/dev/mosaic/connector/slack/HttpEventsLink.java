package dev.mosaic.connector.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mosaic.connector.ConnectorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP Events API mode: a small JDK HTTP server that takes Slack's requests (events, the slash
 * command, button presses — one Request URL for all, {@code /slack/events}) and runs them through
 * the Bolt {@link App}. Bolt checks every request's signature ({@code v0:timestamp:body}, HMAC-SHA256
 * with the signing secret) and refuses one older than five minutes with 401, before any handler runs.
 * Put it behind a TLS-terminating reverse proxy: Slack only calls {@code https://} URLs.
 */
final class HttpEventsLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEventsLink.class);
    static final String PATH = "/slack/events";
    private static final int MAX_BODY = 1 << 20;

    private final App app;
    private final SlackRequestParser parser;
    private HttpServer server;
    private ExecutorService workers;

    HttpEventsLink(App app) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
    }

    /** Starts listening on {@code port} (0 picks a free one); returns the bound port. */
    int start(int port) throws ConnectorException {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 64);
        } catch (IOException e) {
            throw new ConnectorException("connectors.slack.port " + port + " cannot be listened on: " + e.getMessage(),
                    false, e);
        }
        workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "slack-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext(PATH, this::handle);
        server.start();
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                reply(exchange, 405, "text/plain", "POST only");
                return;
            }
            byte[] raw = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
            if (raw.length > MAX_BODY) {
                reply(exchange, 413, "text/plain", "too large");
                return;
            }
            String body = new String(raw, StandardCharsets.UTF_8);
            Map<String, List<String>> headers = exchange.getRequestHeaders();
            String query = exchange.getRequestURI().getRawQuery();
            Request<?> req = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(exchange.getRequestURI().getPath())
                    .queryString(query == null ? Map.of() : QueryStringParser.toMap(query))
                    .headers(new RequestHeaders(headers))
                    .requestBody(body)
                    .remoteAddress(exchange.getRemoteAddress().getAddress().getHostAddress())
                    .build());
            Response res;
            try {
                res = req == null ? Response.builder().statusCode(400).body("unknown request").build() : app.run(req);
            } catch (Exception e) {
                LOG.warn("handling a Slack HTTP request failed", e);
                reply(exchange, 500, "text/plain", "error");
                return;
            }
            reply(exchange, res.getStatusCode(), res.getContentType() == null ? "text/plain" : res.getContentType(),
                    res.getBody() == null ? "" : res.getBody());
        }
    }

    private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (workers != null) {
            workers.shutdownNow();
            workers = null;
        }
    }
}
