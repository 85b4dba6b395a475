package dev.mosaic.mos.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted model server on loopback that speaks the wire protocols the real harnesses use:
 * Anthropic Messages ({@code POST /v1/messages}, SSE with text and {@code tool_use} blocks) for
 * Claude Code, OpenAI Chat Completions ({@code POST /v1/chat/completions}, SSE) for pi and OpenAI
 * Responses ({@code POST /v1/responses}, SSE) for Codex.
 *
 * <p>A test scripts the next turns with {@link #reply(Reply)}: each request that carries tools (the
 * harness's agent loop) takes the next scripted reply; when the script is empty, or for the
 * harnesses' side requests without tools (titles, quota checks), the answer is {@link #idleText}.
 * Every request is recorded.
 */
public final class FakeModel implements AutoCloseable {

    /** One scripted model turn: text, or a single tool call. */
    public record Reply(String text, String tool, Map<String, Object> input, long delayMs) {

        public static Reply text(String text) {
            return new Reply(text, null, null, 0);
        }

        /** A tool call, e.g. {@code tool("Bash", Map.of("command", "touch x"))}. */
        public static Reply tool(String name, Map<String, Object> input) {
            return new Reply(null, name, input, 0);
        }

        /**
         * Codex's shell tool running {@code command} unsandboxed (which asks for approval unless a
         * rule allows it), under whichever name the request offers: {@code shell_command}
         * ({@code command}) or {@code exec_command} ({@code cmd}).
         */
        public static Reply codexShell(String command) {
            return new Reply(null, SHELL, Map.of("command", command, "sandbox_permissions", "require_escalated",
                    "justification", "answer the chat"), 0);
        }

        /** This reply, sent only after {@code ms} (so the harness is seen working). */
        public Reply after(long ms) {
            return new Reply(text, tool, input, ms);
        }
    }

    /** One request the server got. */
    public record Request(String path, JsonNode body) {

        /** True when the request offered the model tools (the agent loop, not a side request). */
        public boolean hasTools() {
            return body.path("tools").isArray() && body.path("tools").size() > 0;
        }

        /** The whole body as text, for looking for a prompt or a tool result. */
        public String text() {
            return body.toString();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SHELL = "$codex-shell";

    private final HttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile String idleText = "ok";

    public FakeModel() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-model");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** {@code http://127.0.0.1:PORT} (Claude Code's ANTHROPIC_BASE_URL). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues the reply to the next agent-loop request. */
    public FakeModel reply(Reply reply) {
        synchronized (script) {
            script.add(reply);
        }
        return this;
    }

    /** The answer when nothing is scripted. */
    public void idleText(String text) {
        this.idleText = text;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The agent-loop requests (with tools) so far. */
    public List<Request> loopRequests() {
        return requests.stream().filter(Request::hasTools).toList();
    }

    private Reply next(Request r) {
        if (!r.hasTools()) {
            return Reply.text(idleText);
        }
        synchronized (script) {
            Reply n = script.poll();
            return n == null ? Reply.text(idleText) : n;
        }
    }

    private static void pause(Reply r) {
        if (r.delayMs() > 0) {
            try {
                Thread.sleep(r.delayMs()); // the model "thinking": what the harness shows meanwhile is under test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            byte[] raw = ex.getRequestBody().readAllBytes();
            if (!ex.getRequestMethod().equals("POST")) {
                send(ex, 200, "application/json", path.endsWith("/models") ? "{\"object\":\"list\",\"data\":[]}" : "{}");
                return;
            }
            JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
            Request req = new Request(path, body);
            requests.add(req);
            if (path.endsWith("/messages/count_tokens")) {
                send(ex, 200, "application/json", "{\"input_tokens\":10}");
            } else if (path.endsWith("/messages")) {
                Reply r = next(req);
                pause(r);
                anthropic(ex, body, r);
            } else if (path.endsWith("/chat/completions")) {
                Reply r = next(req);
                pause(r);
                chat(ex, body, r);
            } else if (path.endsWith("/responses")) {
                Reply r = next(req);
                pause(r);
                responses(ex, body, r);
            } else {
                send(ex, 404, "application/json", "{\"error\":{\"message\":\"no route " + path + "\"}}");
            }
        }
    }

    // ---- Anthropic Messages ----

    private void anthropic(HttpExchange ex, JsonNode body, Reply reply) throws IOException {
        String id = "msg_" + ids.incrementAndGet();
        String model = body.path("model").asText("fake-model");
        if (!body.path("stream").asBoolean(false)) {
            ObjectNode m = JSON.createObjectNode();
            m.put("id", id).put("type", "message").put("role", "assistant").put("model", model);
            ArrayNode content = m.putArray("content");
            if (reply.tool() != null) {
                content.addObject().put("type", "tool_use").put("id", "toolu_" + id).put("name", reply.tool())
                        .set("input", JSON.valueToTree(reply.input()));
            } else {
                content.addObject().put("type", "text").put("text", reply.text());
            }
            m.put("stop_reason", reply.tool() != null ? "tool_use" : "end_turn").putNull("stop_sequence");
            m.putObject("usage").put("input_tokens", 10).put("output_tokens", 5);
            send(ex, 200, "application/json", m.toString());
            return;
        }
        Sse sse = new Sse(ex);
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        ObjectNode msg = start.putObject("message");
        msg.put("id", id).put("type", "message").put("role", "assistant").put("model", model);
        msg.putArray("content");
        msg.putNull("stop_reason").putNull("stop_sequence");
        msg.putObject("usage").put("input_tokens", 10).put("output_tokens", 1);
        sse.event("message_start", start);
        ObjectNode blockStart = JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
        ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
        if (reply.tool() != null) {
            blockStart.putObject("content_block").put("type", "tool_use").put("id", "toolu_" + id)
                    .put("name", reply.tool()).putObject("input");
            delta.putObject("delta").put("type", "input_json_delta")
                    .put("partial_json", JSON.writeValueAsString(reply.input()));
        } else {
            blockStart.putObject("content_block").put("type", "text").put("text", "");
            delta.putObject("delta").put("type", "text_delta").put("text", reply.text());
        }
        sse.event("content_block_start", blockStart);
        sse.event("content_block_delta", delta);
        sse.event("content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", 0));
        ObjectNode md = JSON.createObjectNode().put("type", "message_delta");
        md.putObject("delta").put("stop_reason", reply.tool() != null ? "tool_use" : "end_turn").putNull("stop_sequence");
        md.putObject("usage").put("output_tokens", 5);
        sse.event("message_delta", md);
        sse.event("message_stop", JSON.createObjectNode().put("type", "message_stop"));
        sse.close();
    }

    // ---- OpenAI Chat Completions ----

    private void chat(HttpExchange ex, JsonNode body, Reply reply) throws IOException {
        String id = "chatcmpl-" + ids.incrementAndGet();
        String model = body.path("model").asText("fake-model");
        Sse sse = new Sse(ex);
        ObjectNode chunk = chunk(id, model);
        ObjectNode delta = ((ObjectNode) chunk.withArray("choices").get(0)).putObject("delta");
        delta.put("role", "assistant");
        if (reply.tool() != null) {
            ObjectNode call = delta.putArray("tool_calls").addObject();
            call.put("index", 0).put("id", "call_" + id).put("type", "function");
            call.putObject("function").put("name", reply.tool()).put("arguments", JSON.writeValueAsString(reply.input()));
        } else {
            delta.put("content", reply.text());
        }
        sse.data(chunk);
        ObjectNode end = chunk(id, model);
        ((ObjectNode) end.withArray("choices").get(0)).put("finish_reason", reply.tool() != null ? "tool_calls" : "stop")
                .putObject("delta");
        end.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 5).put("total_tokens", 15);
        sse.data(end);
        sse.raw("data: [DONE]\n\n");
        sse.close();
    }

    private static ObjectNode chunk(String id, String model) {
        ObjectNode c = JSON.createObjectNode();
        c.put("id", id).put("object", "chat.completion.chunk").put("created", 1_700_000_000L).put("model", model);
        c.putArray("choices").addObject().put("index", 0);
        return c;
    }

    // ---- OpenAI Responses ----

    private void responses(HttpExchange ex, JsonNode body, Reply reply) throws IOException {
        if (SHELL.equals(reply.tool())) {
            String offered = body.path("tools").toString();
            java.util.Map<String, Object> in = new java.util.LinkedHashMap<>(reply.input());
            if (offered.contains("\"shell_command\"")) {
                reply = new Reply(null, "shell_command", in, reply.delayMs());
            } else {
                in.put("cmd", in.remove("command"));
                reply = new Reply(null, "exec_command", in, reply.delayMs());
            }
        }
        String id = "resp_" + ids.incrementAndGet();
        String model = body.path("model").asText("fake-model");
        Sse sse = new Sse(ex);
        ObjectNode created = JSON.createObjectNode().put("type", "response.created");
        created.putObject("response").put("id", id).put("object", "response").put("model", model)
                .put("status", "in_progress").putArray("output");
        sse.event("response.created", created);
        ObjectNode item = JSON.createObjectNode();
        if (reply.tool() != null) {
            item.put("type", "function_call").put("id", "fc_" + id).put("call_id", "call_" + id)
                    .put("name", reply.tool()).put("arguments", JSON.writeValueAsString(reply.input()))
                    .put("status", "completed");
        } else {
            item.put("type", "message").put("id", "msg_" + id).put("role", "assistant").put("status", "completed");
            item.putArray("content").addObject().put("type", "output_text").put("text", reply.text())
                    .putArray("annotations");
            ObjectNode d = JSON.createObjectNode().put("type", "response.output_text.delta").put("item_id", "msg_" + id)
                    .put("output_index", 0).put("content_index", 0).put("delta", reply.text());
            ObjectNode added = JSON.createObjectNode().put("type", "response.output_item.added").put("output_index", 0);
            ObjectNode shell = added.putObject("item");
            shell.put("type", "message").put("id", "msg_" + id).put("role", "assistant").put("status", "in_progress")
                    .putArray("content");
            sse.event("response.output_item.added", added);
            sse.event("response.output_text.delta", d);
        }
        ObjectNode done = JSON.createObjectNode().put("type", "response.output_item.done").put("output_index", 0);
        done.set("item", item);
        sse.event("response.output_item.done", done);
        ObjectNode completed = JSON.createObjectNode().put("type", "response.completed");
        ObjectNode resp = completed.putObject("response");
        resp.put("id", id).put("object", "response").put("model", model).put("status", "completed");
        resp.putArray("output").add(item);
        resp.putObject("usage").put("input_tokens", 10).put("output_tokens", 5).put("total_tokens", 15)
                .putObject("input_tokens_details").put("cached_tokens", 0);
        ((ObjectNode) resp.get("usage")).putObject("output_tokens_details").put("reasoning_tokens", 0);
        sse.event("response.completed", completed);
        sse.close();
    }

    // ---- plumbing ----

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    /** A Server-Sent Events response, flushed event by event. */
    private static final class Sse {
        private final OutputStream out;

        Sse(HttpExchange ex) throws IOException {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, 0);
            out = ex.getResponseBody();
        }

        void event(String name, JsonNode data) throws IOException {
            raw("event: " + name + "\ndata: " + data + "\n\n");
        }

        void data(JsonNode data) throws IOException {
            raw("data: " + data + "\n\n");
        }

        void raw(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        void close() throws IOException {
            out.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
