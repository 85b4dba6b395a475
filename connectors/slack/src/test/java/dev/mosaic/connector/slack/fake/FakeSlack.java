package dev.mosaic.connector.slack.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake Slack on loopback for tests, speaking the real wire protocol to an unmodified Bolt: the
 * Web API ({@code auth.test}, {@code apps.connections.open} handing out a {@code ws://} URL,
 * {@code chat.postMessage}, {@code chat.update}, the external file upload, {@code bots.info}) and
 * the Socket Mode WebSocket (hello, envelopes, acks, retries, {@code disconnect} refreshes). Tests
 * make people talk ({@link #userSays}, {@link #mention}, {@link #dm}, {@link #slash}, {@link #press})
 * and read back what the bot did ({@link #posted}, {@link #updates}, {@link #responses}).
 *
 * <p>Like Slack, it echoes the bot's own posts as message events and its edits as
 * {@code message_changed}, so a connector that reacted to them would show it.
 */
public final class FakeSlack implements AutoCloseable {

    public static final String TEAM_ID = "T0FAKE001";
    public static final String APP_ID = "A0FAKE001";
    public static final String BOT_USER = "U0MOSBOT1";
    public static final String BOT_ID = "B0MOSBOT1";

    /** A message a person said, kept for redelivery. */
    private record Said(String eventId, ObjectNode payload) {
    }

    /** An edit the bot made with chat.update. */
    public record Update(String channel, String ts, String text, JsonNode blocks) {
    }

    /** A slash command in flight: where it was run. */
    private record Slash(String channel, String userId) {
    }

    /** A file announced by files.getUploadURLExternal, and its bytes once uploaded. */
    private static final class Upload {
        final String name;
        byte[] content;

        Upload(String name) {
            this.name = name;
        }
    }

    private volatile String botToken;
    private volatile String appToken;
    private final Set<String> channels;
    private final FakeSlackWebApi web;
    private final FakeSocketMode socket;
    private final AtomicLong lastMicros = new AtomicLong();
    private final AtomicInteger ids = new AtomicInteger(1000);
    private final List<Posted> posted = new CopyOnWriteArrayList<>();
    private final List<Update> updates = new CopyOnWriteArrayList<>();
    private final List<String> ackTexts = new CopyOnWriteArrayList<>();
    private final Map<String, Said> said = new ConcurrentHashMap<>();
    private final Map<String, Slash> slashes = new ConcurrentHashMap<>();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, Integer> rateLimits = new ConcurrentHashMap<>();
    private final List<String> unmatched = new CopyOnWriteArrayList<>();

    /**
     * @param botToken the only bot token ({@code xoxb-…}) the fake accepts
     * @param appToken the only app-level token ({@code xapp-…}) the fake accepts
     * @param channels the workspace's channels the bot is a member of
     */
    public FakeSlack(String botToken, String appToken, List<String> channels) throws IOException {
        this.botToken = botToken;
        this.appToken = appToken;
        this.channels = Set.copyOf(channels);
        this.socket = new FakeSocketMode(this::acked);
        socket.startAndWait();
        this.web = new FakeSlackWebApi(this);
    }

    /** The Web API methods URL, for {@code connectors.slack.apiBase}. */
    public String apiBase() {
        return web.base() + "/api/";
    }

    // ---- people -------------------------------------------------------------------------------

    /** A person posts {@code text} in {@code channel}; returns the message's ts (its id). */
    public String userSays(String channel, String userId, String text) {
        return say(channel, "channel", userId, text, null);
    }

    /** A person replies in the thread {@code threadTs} of {@code channel}. */
    public String userSaysInThread(String channel, String threadTs, String userId, String text) {
        return say(channel, "channel", userId, text, threadTs);
    }

    /** A person writes to the bot directly; returns the message's ts. */
    public String dm(String userId, String text) {
        return say(dmChannel(userId), "im", userId, text, null);
    }

    /** The DM channel between the bot and {@code userId}. */
    public static String dmChannel(String userId) {
        return "D" + userId.substring(1);
    }

    /**
     * A person mentions the bot ({@code @Mos text}); Slack sends it twice, as a message event and
     * as an app_mention event with the same ts. Returns the ts.
     */
    public String mention(String channel, String userId, String text) {
        String full = "<@" + BOT_USER + "> " + text;
        String ts = say(channel, "channel", userId, full, null);
        ObjectNode event = SlackJson.message(channel, "channel", userId, full, ts, null);
        event.put("type", "app_mention");
        event.remove("channel_type");
        socket.deliver("events_api", SlackJson.eventCallback(eventId(), event), false);
        return ts;
    }

    private String say(String channel, String channelType, String userId, String text, String threadTs) {
        String ts = ts();
        String eventId = eventId();
        ObjectNode payload = SlackJson.eventCallback(eventId, SlackJson.message(channel, channelType, userId, text, ts,
                threadTs));
        said.put(ts, new Said(eventId, payload));
        socket.deliver("events_api", payload, false);
        return ts;
    }

    /** Slack sends the event of message {@code ts} again (a retry after a lost ack): same event_id. */
    public void redeliver(String ts) {
        Said s = said.get(ts);
        if (s == null) {
            throw new IllegalArgumentException("no message " + ts + " was said on this fake");
        }
        socket.redeliver("events_api", s.payload());
    }

    /**
     * A person runs {@code /mos text} in {@code channel}; returns the trigger id. The command's
     * response_url is {@code /respond/<trigger id>} on this fake.
     */
    public String slash(String channel, String userId, String userName, String text) {
        String trigger = "trg" + ids.incrementAndGet();
        slashes.put(trigger, new Slash(channel, userId));
        ObjectNode p = SlackJson.slashCommand(channel, userId, userName, text, web.base() + "/respond/" + trigger, trigger);
        socket.deliver("slash_commands", p, true);
        return trigger;
    }

    /** A person presses button {@code index} under the bot's message {@code on}; returns the action_ts. */
    public String press(Posted on, int index, String userId, String userName) {
        String trigger = "trg" + ids.incrementAndGet();
        String actionTs = ts();
        JsonNode actionsBlock = null;
        for (JsonNode b : on.blocks()) {
            if (b.path("type").asText().equals("actions")) {
                actionsBlock = b;
            }
        }
        if (actionsBlock == null) {
            throw new IllegalArgumentException("no buttons on " + on);
        }
        ObjectNode p = SlackJson.blockActions(on, actionsBlock, index, userId, userName, trigger, actionTs,
                web.base() + "/respond/" + trigger);
        slashes.put(trigger, new Slash(on.channel(), userId));
        socket.deliver("interactive", p, false);
        return actionTs;
    }

    // ---- platform events ----------------------------------------------------------------------

    /** Sends {@code disconnect} (refresh_requested) on the live socket, as Slack does every few hours. */
    public void refresh() {
        socket.refresh();
    }

    /** Breaks the live socket without a closing handshake. */
    public void dropConnection() {
        socket.dropConnection();
    }

    /** The workspace admin revokes the bot token: every later call with it gets {@code invalid_auth}. */
    public void revokeBotToken() {
        botToken = "xoxb-revoked-" + System.nanoTime();
    }

    /** The app-level token is revoked: {@code apps.connections.open} answers {@code invalid_auth}. */
    public void revokeAppToken() {
        appToken = "xapp-revoked-" + System.nanoTime();
    }

    /** The next call of {@code method} is answered 429 with {@code Retry-After: seconds}. */
    public void rateLimitNext(String method, int seconds) {
        rateLimits.put(method, seconds);
    }

    Integer takeRateLimit(String method) {
        return rateLimits.remove(method);
    }

    // ---- the Web API --------------------------------------------------------------------------

    ObjectNode call(String method, String token, Map<String, String> params) {
        if (method.equals("apps.connections.open")) {
            if (!appToken.equals(token)) {
                return SlackJson.error(token != null && token.startsWith("xoxb-") ? "not_allowed_token_type" : "invalid_auth");
            }
            return SlackJson.ok().put("url", socket.url(ids.incrementAndGet()));
        }
        if (token == null) {
            return SlackJson.error("not_authed");
        }
        if (!botToken.equals(token)) {
            return SlackJson.error("invalid_auth");
        }
        switch (method) {
            case "auth.test":
                return SlackJson.ok().put("url", "https://fake.slack.com/").put("team", "Fake").put("user", "mos")
                        .put("team_id", TEAM_ID).put("user_id", BOT_USER).put("bot_id", BOT_ID)
                        .put("is_enterprise_install", false);
            case "bots.info": {
                ObjectNode r = SlackJson.ok();
                r.putObject("bot").put("id", BOT_ID).put("user_id", BOT_USER).put("name", "mos").put("app_id", APP_ID);
                return r;
            }
            case "chat.postMessage":
                return postMessage(params);
            case "chat.update":
                return update(params);
            case "files.getUploadURLExternal": {
                String id = "F" + ids.incrementAndGet();
                uploads.put(id, new Upload(params.getOrDefault("filename", "file")));
                return SlackJson.ok().put("upload_url", web.base() + "/upload/" + id).put("file_id", id);
            }
            case "files.completeUploadExternal":
                return completeUpload(params);
            default:
                unmatched.add(method);
                return SlackJson.error("unknown_method");
        }
    }

    private boolean knownChannel(String channel) {
        return channel != null && (channels.contains(channel) || channel.startsWith("D"));
    }

    private ObjectNode postMessage(Map<String, String> params) {
        String channel = params.get("channel");
        if (!knownChannel(channel)) {
            return SlackJson.error("channel_not_found");
        }
        String text = params.getOrDefault("text", "");
        JsonNode blocks = params.containsKey("blocks") ? SlackJson.read(params.get("blocks")) : null;
        String thread = params.get("thread_ts");
        String ts = ts();
        posted.add(new Posted(channel, ts, thread, text, blocks, "chat.postMessage", null, null));
        // Slack echoes the bot's own message as an event; a connector must not act on it.
        ObjectNode echo = SlackJson.message(channel, channel.startsWith("D") ? "im" : "channel", BOT_USER, text, ts, thread);
        echo.put("bot_id", BOT_ID);
        socket.deliver("events_api", SlackJson.eventCallback(eventId(), echo), false);
        ObjectNode r = SlackJson.ok().put("channel", channel).put("ts", ts);
        r.putObject("message").put("type", "message").put("text", text).put("user", BOT_USER).put("bot_id", BOT_ID)
                .put("ts", ts);
        return r;
    }

    private ObjectNode update(Map<String, String> params) {
        String channel = params.get("channel");
        String ts = params.get("ts");
        if (!knownChannel(channel) || ts == null) {
            return SlackJson.error("message_not_found");
        }
        JsonNode blocks = params.containsKey("blocks") ? SlackJson.read(params.get("blocks")) : null;
        String text = params.getOrDefault("text", "");
        updates.add(new Update(channel, ts, text, blocks));
        // The edit comes back as message_changed (no top-level user): it must be acked and ignored.
        ObjectNode changed = SlackJson.MAPPER.createObjectNode().put("type", "message").put("subtype", "message_changed")
                .put("channel", channel).put("ts", ts()).put("event_ts", ts()).put("hidden", true)
                .put("channel_type", "channel");
        changed.putObject("message").put("type", "message").put("user", BOT_USER).put("bot_id", BOT_ID)
                .put("text", text).put("ts", ts);
        socket.deliver("events_api", SlackJson.eventCallback(eventId(), changed), false);
        return SlackJson.ok().put("channel", channel).put("ts", ts).put("text", text);
    }

    private ObjectNode completeUpload(Map<String, String> params) {
        JsonNode files = SlackJson.read(params.getOrDefault("files", "[]"));
        String channel = params.get("channel_id");
        if (channel != null && !knownChannel(channel)) {
            return SlackJson.error("channel_not_found");
        }
        ObjectNode r = SlackJson.ok();
        ArrayNode out = r.putArray("files");
        for (JsonNode f : files) {
            Upload u = uploads.get(f.path("id").asText());
            if (u == null || u.content == null) {
                return SlackJson.error("file_not_found");
            }
            posted.add(new Posted(channel, ts(), params.get("thread_ts"), params.getOrDefault("initial_comment", ""),
                    null, "file", u.name, new String(u.content, StandardCharsets.UTF_8)));
            out.addObject().put("id", f.path("id").asText()).put("title", f.path("title").asText(u.name));
        }
        return r;
    }

    boolean uploaded(String fileId, byte[] content) {
        Upload u = uploads.get(fileId);
        if (u == null) {
            return false;
        }
        u.content = content;
        return true;
    }

    boolean responded(String trigger, JsonNode body) {
        Slash s = slashes.get(trigger);
        if (s == null) {
            return false;
        }
        if (body.path("replace_original").asBoolean(false)) {
            updates.add(new Update(s.channel(), "response_url:" + trigger, body.path("text").asText(), body.get("blocks")));
            return true;
        }
        posted.add(new Posted(s.channel(), ts(), null, body.path("text").asText(), body.get("blocks"),
                "response_url:" + trigger, null, null));
        return true;
    }

    private void acked(JsonNode ack) {
        JsonNode text = ack.path("payload").path("text");
        if (text.isTextual()) {
            ackTexts.add(text.asText());
        }
    }

    void recordRequest(String method) {
        requests.computeIfAbsent(method, k -> new AtomicInteger()).incrementAndGet();
    }

    // ---- what the bot did ---------------------------------------------------------------------

    /** Everything the bot posted in {@code channel} (messages, responses, files), oldest first. */
    public List<Posted> posted(String channel) {
        return posted.stream().filter(p -> channel.equals(p.channel())).toList();
    }

    /** What the bot posted in thread {@code threadTs} of {@code channel}. */
    public List<Posted> inThread(String channel, String threadTs) {
        return posted.stream().filter(p -> channel.equals(p.channel()) && threadTs.equals(p.threadTs())).toList();
    }

    /** What the bot posted through slash command {@code trigger}'s response_url. */
    public List<Posted> responses(String trigger) {
        return posted.stream().filter(p -> p.via().equals("response_url:" + trigger)).toList();
    }

    /** The bot's chat.update calls, oldest first. */
    public List<Update> updates() {
        return List.copyOf(updates);
    }

    /** Texts the bot put into envelope acks (e.g. an ephemeral refusal of a slash command). */
    public List<String> ackTexts() {
        return List.copyOf(ackTexts);
    }

    /** How many times {@code method} was called, accepted or not (a 429 counts too). */
    public int requests(String method) {
        AtomicInteger n = requests.get(method);
        return n == null ? 0 : n.get();
    }

    /** Web API methods the fake does not know (a test failure aid). */
    public List<String> unmatched() {
        return List.copyOf(unmatched);
    }

    /** Socket Mode connections opened so far. */
    public int connections() {
        return socket.connections();
    }

    public int openConnections() {
        return socket.openConnections();
    }

    /** Envelopes sent and not acked yet. */
    public int unacked() {
        return socket.unacked();
    }

    private String ts() {
        long now = System.currentTimeMillis() * 1000;
        long micros = lastMicros.updateAndGet(last -> Math.max(last + 1, now));
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    private String eventId() {
        return "Ev" + ids.incrementAndGet();
    }

    @Override
    public void close() throws InterruptedException {
        web.stop();
        socket.shutdown();
    }

    /** For harnesses: all posted, in order. */
    public List<Posted> allPosted() {
        return new ArrayList<>(posted);
    }
}
