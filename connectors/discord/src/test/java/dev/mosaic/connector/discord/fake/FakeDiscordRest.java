package dev.mosaic.connector.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The REST half of the fake (API v10 under {@code /api/v10}), a JDK HttpServer on loopback. */
final class FakeDiscordRest {

    private static final Pattern MESSAGES = Pattern.compile("/channels/(\\d+)/messages");
    private static final Pattern REACTION = Pattern.compile("/channels/(\\d+)/messages/(\\d+)/reactions/([^/]+)/@me");
    private static final Pattern TYPING = Pattern.compile("/channels/(\\d+)/typing");
    private static final Pattern CALLBACK = Pattern.compile("/interactions/(\\d+)/([^/]+)/callback");
    private static final Pattern EDIT_ORIGINAL = Pattern.compile("/webhooks/(\\d+)/([^/]+)/messages/@original");
    private static final Pattern FOLLOWUP = Pattern.compile("/webhooks/(\\d+)/([^/]+)");
    private static final Pattern COMMANDS = Pattern.compile("/applications/(\\d+)/guilds/(\\d+)/commands");

    /** Discord's limit on a message's content, in characters. */
    static final int MAX_CONTENT = 2000;

    private final FakeDiscord fake;
    private final HttpServer server;
    private final AtomicInteger rateLimitedPosts = new AtomicInteger();
    private volatile int retryAfterSeconds;

    FakeDiscordRest(FakeDiscord fake) throws IOException {
        this.fake = fake;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-discord-rest");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/api/v10/", this::handle);
        server.start();
    }

    void rateLimitNextPosts(int n, int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
        rateLimitedPosts.set(n);
    }

    String apiBase() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v10/";
    }

    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath().substring("/api/v10".length());
            byte[] body = ex.getRequestBody().readAllBytes();
            fake.recordRequest(method + " " + path);
            if (!("Bot " + fake.token()).equals(ex.getRequestHeaders().getFirst("Authorization"))
                    && !path.startsWith("/interactions/") && !path.startsWith("/webhooks/")) {
                respond(ex, 401, "{\"message\":\"401: Unauthorized\",\"code\":0}");
                return;
            }
            route(ex, method, path, body);
        } catch (RuntimeException e) {
            respond(ex, 500, "{\"message\":\"fake failed: " + e.toString().replace("\"", "'") + "\",\"code\":0}");
        }
    }

    private void route(HttpExchange ex, String method, String path, byte[] body) throws IOException {
        Matcher m;
        if (method.equals("GET") && path.equals("/users/@me")) {
            respond(ex, 200, fake.botUser().toString());
        } else if (method.equals("GET") && path.equals("/gateway/bot")) {
            ObjectNode g = DiscordJson.MAPPER.createObjectNode().put("url", fake.gatewayUrl()).put("shards", 1);
            g.putObject("session_start_limit").put("total", 1000).put("remaining", 999)
                    .put("reset_after", 0).put("max_concurrency", 1);
            respond(ex, 200, g.toString());
        } else if (method.equals("POST") && (m = MESSAGES.matcher(path)).matches()) {
            Request r = request(ex, body);
            String content = r.json.path("content").asText("");
            if (rateLimitedPosts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                fake.recordRefused(429, content);
                ex.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
                ex.getResponseHeaders().set("X-RateLimit-Limit", "5");
                ex.getResponseHeaders().set("X-RateLimit-Remaining", "0");
                ex.getResponseHeaders().set("X-RateLimit-Reset-After", Integer.toString(retryAfterSeconds));
                ex.getResponseHeaders().set("X-RateLimit-Bucket", "fake-messages-" + m.group(1));
                ex.getResponseHeaders().set("X-RateLimit-Scope", "user");
                respond(ex, 429, "{\"message\":\"You are being rate limited.\",\"retry_after\":" + retryAfterSeconds
                        + ",\"global\":false}");
                return;
            }
            if (content.codePointCount(0, content.length()) > MAX_CONTENT) {
                // what Discord answers for a message over the limit: nothing is posted
                fake.recordRefused(400, content);
                respond(ex, 400, "{\"message\":\"Invalid Form Body\",\"code\":50035,\"errors\":{\"content\":"
                        + "{\"_errors\":[{\"code\":\"BASE_TYPE_MAX_LENGTH\",\"message\":\"Must be 2000 or fewer in"
                        + " length.\"}]}}}");
                return;
            }
            fake.recordMentions(r.json);
            JsonNode ref = r.json.path("message_reference");
            String replyTo = ref.hasNonNull("message_id") ? ref.get("message_id").asText() : null;
            respond(ex, 200, fake.botPosted(m.group(1), r.json.path("content").asText(""), replyTo, r.files, "channel")
                    .toString());
        } else if ((m = REACTION.matcher(path)).matches() && (method.equals("PUT") || method.equals("DELETE"))) {
            fake.recordReaction(m.group(2), URLDecoder.decode(m.group(3), StandardCharsets.UTF_8), method.equals("PUT"));
            respond(ex, 204, null);
        } else if (method.equals("POST") && (m = TYPING.matcher(path)).matches()) {
            fake.recordTyping(m.group(1));
            respond(ex, 204, null);
        } else if (method.equals("POST") && (m = CALLBACK.matcher(path)).matches()) {
            fake.recordCallback(m.group(1), request(ex, body).json.path("type").asInt());
            respond(ex, 204, null);
        } else if (method.equals("PATCH") && (m = EDIT_ORIGINAL.matcher(path)).matches()) {
            Request r = request(ex, body);
            fake.recordMentions(r.json);
            respond(ex, 200, fake.interactionPosted(m.group(2), r.json.path("content").asText(""), r.files,
                    "edit-original").toString());
        } else if (method.equals("POST") && (m = FOLLOWUP.matcher(path)).matches()) {
            Request r = request(ex, body);
            fake.recordMentions(r.json);
            respond(ex, 200, fake.interactionPosted(m.group(2), r.json.path("content").asText(""), r.files,
                    "followup").toString());
        } else if (method.equals("PUT") && (m = COMMANDS.matcher(path)).matches()) {
            ArrayNode commands = (ArrayNode) DiscordJson.MAPPER.readTree(body);
            long n = 1;
            for (JsonNode c : commands) {
                ((ObjectNode) c).put("id", Long.toString(1300000000000000000L + n++)).put("application_id", m.group(1))
                        .put("guild_id", m.group(2)).put("version", "1").put("type", c.path("type").asInt(1));
            }
            fake.recordCommands(commands);
            respond(ex, 200, commands.toString());
        } else {
            fake.recordUnmatched(method + " " + path);
            respond(ex, 404, "{\"message\":\"404: Not Found\",\"code\":0}");
        }
    }

    private record Request(JsonNode json, List<Posted.File> files) {
    }

    private static Request request(HttpExchange ex, byte[] body) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.startsWith("multipart/form-data")) {
            JsonNode json = DiscordJson.MAPPER.createObjectNode();
            List<Posted.File> files = new ArrayList<>();
            for (Multipart.Part p : Multipart.parse(type, body)) {
                if (p.name().equals("payload_json")) {
                    json = DiscordJson.MAPPER.readTree(p.text());
                } else if (p.filename() != null) {
                    files.add(new Posted.File(p.filename(), p.data()));
                }
            }
            return new Request(json, files);
        }
        return new Request(body.length == 0 ? DiscordJson.MAPPER.createObjectNode() : DiscordJson.MAPPER.readTree(body),
                List.of());
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        if (json == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, Object> attachmentJson(String id, Posted.File f) {
        return Map.of("id", id, "filename", f.name(), "size", f.data().length,
                "url", "http://127.0.0.1/attachments/" + id + "/" + f.name(),
                "proxy_url", "http://127.0.0.1/attachments/" + id + "/" + f.name(), "content_type", "text/plain");
    }
}
