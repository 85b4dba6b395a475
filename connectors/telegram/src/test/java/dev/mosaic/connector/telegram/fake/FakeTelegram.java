package dev.mosaic.connector.telegram.fake;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Telegram Bot API on loopback, speaking the real wire protocol: {@code POST
 * /bot<token>/<method>} with JSON or multipart bodies, {@code {"ok":...}} envelopes, long-polled
 * {@code getUpdates} with {@code offset}/{@code timeout}/{@code allowed_updates}, HTML entity
 * parsing with Telegram's 4,096-character limit, inline keyboards and callback queries,
 * {@code 429} with {@code parameters.retry_after}, {@code 401} for a wrong token and {@code 409}
 * for a competing poller. Tests script people (messages, button presses, edits) and read what the
 * bot posted.
 */
public final class FakeTelegram implements AutoCloseable {

    public static final long BOT_ID = 7000000001L;
    public static final String BOT_USERNAME = "MosFleetBot";
    private static final Pattern PATH = Pattern.compile("^/bot([^/]+)/([A-Za-z]+)$");

    private final ObjectMapper json = new ObjectMapper();
    private volatile String token;
    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-telegram");
        t.setDaemon(true);
        return t;
    });
    private final UpdateQueue updates = new UpdateQueue();
    private final BotJson objects = new BotJson(json);
    private final AtomicInteger messageIds = new AtomicInteger(100);
    private final AtomicInteger callbackIds = new AtomicInteger(1);
    private final Map<String, ObjectNode> messages = new ConcurrentHashMap<>();
    private final List<Posted> posted = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> callbackAnswers = new ConcurrentHashMap<>();
    private final Map<String, int[]> rateLimits = new ConcurrentHashMap<>();
    private final List<Long> limitedAt = new CopyOnWriteArrayList<>();
    private final List<Long> acceptedAt = new CopyOnWriteArrayList<>();
    private volatile JsonNode commands;
    private volatile boolean conflict;
    private volatile boolean rejectHtml;

    public FakeTelegram(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The {@code apiBase} to give the connector. */
    public String apiBase() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ---- scripting people ------------------------------------------------------------------

    /** A person posts {@code text} in a chat (a negative id is a supergroup, a positive one a DM). Returns the message id. */
    public int userSays(String chatId, long userId, String username, String text) {
        return userSays(chatId, userId, username, text, null);
    }

    /** A person replies to message {@code replyTo} (for example one of the bot's). */
    public int userSays(String chatId, long userId, String username, String text, Integer replyTo) {
        int id = messageIds.incrementAndGet();
        ObjectNode m = objects.message(id, chatId, objects.user(userId, username, false), text, objects.entitiesOf(text));
        if (replyTo != null && messages.containsKey(key(chatId, replyTo))) {
            m.set("reply_to_message", messages.get(key(chatId, replyTo)).deepCopy());
        }
        messages.put(key(chatId, id), m);
        updates.add("message", m, json.createObjectNode());
        return id;
    }

    /** A person edits a message they sent: an {@code edited_message} update. */
    public void userEdits(String chatId, int messageId, String newText) {
        ObjectNode m = messages.get(key(chatId, messageId)).deepCopy();
        m.put("text", newText);
        m.set("entities", objects.entitiesOf(newText));
        m.put("edit_date", now());
        updates.add("edited_message", m, json.createObjectNode());
    }

    /** Delivers an already posted message again, in a new update (as after an unconfirmed offset). */
    public void redeliver(String chatId, int messageId) {
        updates.add("message", messages.get(key(chatId, messageId)).deepCopy(), json.createObjectNode());
    }

    /** A person presses the inline button labelled {@code label} under the bot's message. Returns the callback query id. */
    public String press(String chatId, int messageId, long userId, String username, String label) {
        ObjectNode m = messages.get(key(chatId, messageId));
        String data = null;
        for (JsonNode row : m.path("reply_markup").path("inline_keyboard")) {
            for (JsonNode b : row) {
                if (b.path("text").asText().equals(label)) {
                    data = b.path("callback_data").asText();
                }
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("no button '" + label + "' under message " + messageId + ": " + m);
        }
        String id = "cbq" + callbackIds.incrementAndGet();
        ObjectNode q = json.createObjectNode();
        q.put("id", id);
        q.set("from", objects.user(userId, username, false));
        q.set("message", m.deepCopy());
        q.put("chat_instance", "ci" + chatId);
        q.put("data", data);
        updates.add("callback_query", q, json.createObjectNode());
        return id;
    }

    // ---- scripting the platform --------------------------------------------------------------

    /** The next {@code times} calls of {@code method} answer 429 with {@code retry_after} seconds. */
    public void rateLimit(String method, int times, int retryAfterSeconds) {
        rateLimits.put(method.toLowerCase(Locale.ROOT), new int[] {times, retryAfterSeconds});
    }

    /** The bot's owner revokes the token in @BotFather: from now on only {@code newToken} works. */
    public void revokeToken(String newToken) {
        token = newToken;
    }

    /** While on, every getUpdates answers 409 Conflict, as when another program polls the same token. */
    public void conflict(boolean on) {
        conflict = on;
    }

    /** The next message sent with parse_mode HTML fails with "can't parse entities", whatever it holds. */
    public void rejectNextHtml() {
        rejectHtml = true;
    }

    /** Ends the open long poll with a 502, as a dropped connection or a proxy hiccup would. */
    public void dropConnection() {
        updates.drop();
    }

    // ---- what the bot did --------------------------------------------------------------------

    public List<Posted> posted(String chatId) {
        return posted.stream().filter(p -> p.chatId().equals(chatId)).toList();
    }

    /** The bot's messages in a chat (no edits), as people see them. */
    public List<Posted> messagesIn(String chatId) {
        return posted(chatId).stream().filter(p -> !p.kind().equals("edit")).toList();
    }

    /** How many requests of {@code method} (any case) the bot made. */
    public int requests(String method) {
        String m = method.toLowerCase(Locale.ROOT);
        return (int) requests.stream().filter(m::equals).count();
    }

    public Map<String, String> callbackAnswers() {
        return Map.copyOf(callbackAnswers);
    }

    public JsonNode registeredCommands() {
        return commands;
    }

    /** When 429s were answered and when calls were next accepted (epoch ms), to check the wait. */
    public List<Long> limitedAt() {
        return List.copyOf(limitedAt);
    }

    public List<Long> acceptedAt() {
        return List.copyOf(acceptedAt);
    }

    @Override
    public void close() {
        updates.drop();
        server.stop(0);
        pool.shutdownNow();
    }

    // ---- the wire ----------------------------------------------------------------------------

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Matcher m = PATH.matcher(ex.getRequestURI().getPath());
            if (!m.matches() || !ex.getRequestMethod().equals("POST") && !ex.getRequestMethod().equals("GET")) {
                reply(ex, 404, error(404, "Not Found", null));
                return;
            }
            String method = m.group(2).toLowerCase(Locale.ROOT);
            requests.add(method);
            if (!m.group(1).equals(token)) {
                reply(ex, 401, error(401, "Unauthorized", null));
                return;
            }
            ObjectNode params = params(ex);
            int[] limit = rateLimits.get(method);
            if (limit != null && limit[0] > 0) {
                limit[0]--;
                limitedAt.add(System.currentTimeMillis());
                ObjectNode p = json.createObjectNode().put("retry_after", limit[1]);
                reply(ex, 429, error(429, "Too Many Requests: retry after " + limit[1], p));
                return;
            }
            if (!method.equals("getupdates")) {
                acceptedAt.add(System.currentTimeMillis());
            }
            try {
                reply(ex, 200, json.createObjectNode().put("ok", true).set("result", call(method, params)));
            } catch (BadRequest e) {
                reply(ex, e.code, error(e.code, e.getMessage(), null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        BadRequest(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private JsonNode call(String method, ObjectNode p) throws BadRequest, InterruptedException {
        return switch (method) {
            case "getme" -> objects.user(BOT_ID, BOT_USERNAME, true).put("can_join_groups", true)
                    .put("can_read_all_group_messages", false).put("supports_inline_queries", false);
            case "deletewebhook", "sendchataction" -> json.getNodeFactory().booleanNode(true);
            case "setmycommands" -> {
                commands = p.get("commands");
                yield json.getNodeFactory().booleanNode(true);
            }
            case "getupdates" -> getUpdates(p);
            case "sendmessage" -> sendMessage(p);
            case "editmessagetext" -> editMessageText(p);
            case "answercallbackquery" -> {
                callbackAnswers.put(p.path("callback_query_id").asText(), p.path("text").asText(""));
                yield json.getNodeFactory().booleanNode(true);
            }
            case "senddocument" -> sendDocument(p);
            default -> throw new BadRequest(404, "Not Found: method not found");
        };
    }

    private JsonNode getUpdates(ObjectNode p) throws BadRequest, InterruptedException {
        if (conflict) {
            throw new BadRequest(409, "Conflict: terminated by other getUpdates request; make sure that only one bot"
                    + " instance is running");
        }
        Set<String> allowed = new HashSet<>();
        p.path("allowed_updates").forEach(a -> allowed.add(a.asText()));
        UpdateQueue.Outcome o = updates.poll(p.path("offset").asLong(0), p.path("limit").asInt(100),
                p.path("timeout").asLong(0) * 1000, allowed);
        if (o instanceof UpdateQueue.Outcome.Superseded) {
            throw new BadRequest(409, "Conflict: terminated by other getUpdates request; make sure that only one bot"
                    + " instance is running");
        }
        if (o instanceof UpdateQueue.Outcome.Dropped) {
            throw new BadRequest(502, "Bad Gateway");
        }
        ArrayNode out = json.createArrayNode();
        ((UpdateQueue.Outcome.Updates) o).updates().forEach(out::add);
        return out;
    }

    private JsonNode sendMessage(ObjectNode p) throws BadRequest {
        String chatId = p.path("chat_id").asText();
        BotHtml.Parsed parsed = parsed(p);
        int id = messageIds.incrementAndGet();
        ObjectNode m = objects.message(id, chatId, objects.user(BOT_ID, BOT_USERNAME, true), parsed.text(), objects.entities(parsed));
        Integer replyTo = p.path("reply_parameters").has("message_id") ? p.path("reply_parameters").path("message_id").asInt()
                : null;
        if (replyTo != null && messages.containsKey(key(chatId, replyTo))) {
            m.set("reply_to_message", messages.get(key(chatId, replyTo)).deepCopy());
        }
        List<Posted.Button> buttons = keyboard(p, m);
        messages.put(key(chatId, id), m);
        posted.add(new Posted("message", id, chatId, parsed.text(), html(p), parsed.entities(), replyTo, buttons,
                null, null));
        return m;
    }

    private JsonNode editMessageText(ObjectNode p) throws BadRequest {
        String chatId = p.path("chat_id").asText();
        int id = p.path("message_id").asInt();
        ObjectNode m = messages.get(key(chatId, id));
        if (m == null) {
            throw new BadRequest(400, "Bad Request: message to edit not found");
        }
        BotHtml.Parsed parsed = parsed(p);
        m.put("text", parsed.text());
        m.set("entities", objects.entities(parsed));
        m.remove("reply_markup");
        List<Posted.Button> buttons = keyboard(p, m);
        m.put("edit_date", now());
        posted.add(new Posted("edit", id, chatId, parsed.text(), html(p), parsed.entities(), null, buttons, null, null));
        return m;
    }

    private JsonNode sendDocument(ObjectNode p) throws BadRequest {
        String chatId = p.path("chat_id").asText();
        String ref = p.path("document").asText("");
        JsonNode upload = ref.startsWith("attach://") ? p.path("upload:" + ref.substring(9)) : p.path("upload:document");
        if (upload.isMissingNode()) {
            throw new BadRequest(400, "Bad Request: there is no document in the request");
        }
        int id = messageIds.incrementAndGet();
        String caption = p.path("caption").asText("");
        ObjectNode m = objects.message(id, chatId, objects.user(BOT_ID, BOT_USERNAME, true), null, null);
        m.put("caption", caption);
        String name = upload.path("name").asText();
        byte[] content = upload.path("bytes").asText().getBytes(StandardCharsets.ISO_8859_1);
        m.set("document", json.createObjectNode().put("file_id", "doc" + id).put("file_unique_id", "u" + id)
                .put("file_name", name).put("file_size", content.length));
        Integer replyTo = p.path("reply_parameters").has("message_id") ? p.path("reply_parameters").path("message_id").asInt()
                : null;
        List<Posted.Button> buttons = keyboard(p, m);
        messages.put(key(chatId, id), m);
        posted.add(new Posted("document", id, chatId, caption, null, List.of(), replyTo, buttons, name, content));
        return m;
    }

    private BotHtml.Parsed parsed(ObjectNode p) throws BadRequest {
        if (!p.has("chat_id") || p.path("chat_id").asText().isBlank()) {
            throw new BadRequest(400, "Bad Request: chat not found");
        }
        String text = p.path("text").asText("");
        BotHtml.Parsed parsed;
        if ("html".equalsIgnoreCase(p.path("parse_mode").asText(""))) {
            if (rejectHtml) {
                rejectHtml = false;
                throw new BadRequest(400, "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0");
            }
            try {
                parsed = BotHtml.parse(text);
            } catch (BotHtml.ParseError e) {
                throw new BadRequest(400, e.getMessage());
            }
        } else {
            parsed = new BotHtml.Parsed(text, List.of());
        }
        if (parsed.text().isBlank()) {
            throw new BadRequest(400, "Bad Request: message text is empty");
        }
        if (parsed.text().length() > 4096) {
            throw new BadRequest(400, "Bad Request: message is too long");
        }
        return parsed;
    }

    private static String html(ObjectNode p) {
        return "html".equalsIgnoreCase(p.path("parse_mode").asText("")) ? p.path("text").asText() : null;
    }

    private List<Posted.Button> keyboard(ObjectNode p, ObjectNode message) throws BadRequest {
        JsonNode markup = p.path("reply_markup");
        List<Posted.Button> buttons = new ArrayList<>();
        for (JsonNode row : markup.path("inline_keyboard")) {
            for (JsonNode b : row) {
                String data = b.path("callback_data").asText("");
                if (data.getBytes(StandardCharsets.UTF_8).length > 64 || data.isEmpty()) {
                    throw new BadRequest(400, "Bad Request: BUTTON_DATA_INVALID");
                }
                buttons.add(new Posted.Button(b.path("text").asText(), data));
            }
        }
        if (!buttons.isEmpty()) {
            message.set("reply_markup", markup.deepCopy());
        }
        return buttons;
    }

    private ObjectNode params(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
        ObjectNode p = json.createObjectNode();
        if (type.startsWith("multipart/form-data")) {
            for (Multipart.Part part : Multipart.parse(type, body).values()) {
                if (part.fileName() != null) {
                    // an upload: either the field itself or a part the field names as attach://<part>
                    p.set("upload:" + part.name(), json.createObjectNode().put("name", part.fileName())
                            .put("bytes", new String(part.content(), StandardCharsets.ISO_8859_1)));
                } else if (part.name().equals("reply_markup") || part.name().equals("reply_parameters")) {
                    p.set(part.name(), json.readTree(part.text()));
                } else {
                    p.put(part.name(), part.text());
                }
            }
        } else if (body.length > 0) {
            JsonNode n = json.readTree(body);
            if (n instanceof ObjectNode o) {
                p = o;
            }
        }
        return p;
    }

    private void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private ObjectNode error(int code, String description, ObjectNode parameters) {
        ObjectNode e = json.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
        if (parameters != null) {
            e.set("parameters", parameters);
        }
        return e;
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String key(String chatId, int messageId) {
        return chatId + "/" + messageId;
    }
}
