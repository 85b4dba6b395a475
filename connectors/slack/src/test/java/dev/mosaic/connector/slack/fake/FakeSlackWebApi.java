package dev.mosaic.connector.slack.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP half of the fake: Web API methods under {@code /api/<method>} (form-encoded or JSON
 * bodies, the token as {@code Authorization: Bearer} or a {@code token} field, answers
 * {@code {"ok":…}} like Slack, {@code 429} with {@code Retry-After} when told to), the upload URLs
 * of the external-upload flow under {@code /upload/<file id>}, and interaction
 * {@code response_url}s under {@code /respond/<trigger id>}.
 */
final class FakeSlackWebApi {

    private final FakeSlack slack;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "fake-slack-http");
        t.setDaemon(true);
        return t;
    });

    FakeSlackWebApi(FakeSlack slack) throws IOException {
        this.slack = slack;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(pool);
        server.createContext("/api/", this::api);
        server.createContext("/upload/", this::upload);
        server.createContext("/respond/", this::respond);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void api(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestURI().getPath().substring("/api/".length());
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = params(ex, body);
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : params.get("token");
            slack.recordRequest(method);
            Integer retryAfter = slack.takeRateLimit(method);
            if (retryAfter != null) {
                ex.getResponseHeaders().set("Retry-After", String.valueOf(retryAfter));
                send(ex, 429, SlackJson.error("ratelimited"));
                return;
            }
            send(ex, 200, slack.call(method, token, params));
        }
    }

    private void upload(HttpExchange ex) throws IOException {
        try (ex) {
            String fileId = ex.getRequestURI().getPath().substring("/upload/".length());
            byte[] content = ex.getRequestBody().readAllBytes();
            boolean known = slack.uploaded(fileId, content);
            byte[] reply = (known ? "OK - " + content.length : "unknown upload").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(known ? 200 : 404, reply.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(reply);
            }
        }
    }

    private void respond(HttpExchange ex) throws IOException {
        try (ex) {
            String trigger = ex.getRequestURI().getPath().substring("/respond/".length());
            JsonNode body = SlackJson.read(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            boolean ok = slack.responded(trigger, body);
            byte[] reply = (ok ? "ok" : "expired_url").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(ok ? 200 : 404, reply.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(reply);
            }
        }
    }

    private static Map<String, String> params(HttpExchange ex, String body) {
        Map<String, String> params = new HashMap<>();
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.startsWith("application/json")) {
            SlackJson.read(body).fields().forEachRemaining(e -> params.put(e.getKey(),
                    e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
            return params;
        }
        String query = ex.getRequestURI().getRawQuery();
        for (String form : new String[] {query, body}) {
            if (form == null || form.isEmpty()) {
                continue;
            }
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static void send(HttpExchange ex, int status, ObjectNode json) throws IOException {
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    void stop() {
        server.stop(0);
        pool.shutdownNow();
    }
}
