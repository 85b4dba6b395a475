package dev.mosaic.connector.matrix.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.mosaic.connector.matrix.fake.FakeHomeserver.Answer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** The HTTP plumbing of {@link FakeHomeserver}: decodes a request, routes it, writes the JSON answer. */
final class FakeHttp {

    private FakeHttp() {
    }

    static void handle(FakeHomeserver hs, HttpExchange ex) throws IOException {
        try (ex) {
            String[] seg = Arrays.stream(ex.getRequestURI().getRawPath().split("/"))
                    .filter(s -> !s.isEmpty()).map(s -> URLDecoder.decode(s, StandardCharsets.UTF_8))
                    .toArray(String[]::new);
            hs.record(new FakeHomeserver.Request(ex.getRequestMethod(), "/" + String.join("/", seg),
                    System.nanoTime()));
            Answer a = FakeRoutes.route(hs, ex.getRequestMethod(), seg, query(ex.getRequestURI()),
                    bearer(ex), readBody(hs, ex.getRequestBody()));
            byte[] out = hs.json.writeValueAsBytes(a.body());
            ex.getResponseHeaders().set("Content-Type", "application/json");
            a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            ex.sendResponseHeaders(a.status(), out.length);
            ex.getResponseBody().write(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode readBody(FakeHomeserver hs, InputStream in) throws IOException {
        byte[] b = in.readAllBytes();
        return b.length == 0 ? hs.json.createObjectNode() : hs.json.readTree(b);
    }

    private static String bearer(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        return h != null && h.startsWith("Bearer ") ? h.substring(7) : null;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int i = kv.indexOf('=');
                if (i > 0) {
                    q.put(kv.substring(0, i), URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }
}
