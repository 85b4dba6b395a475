package dev.mosaic.connector.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fake Discord on loopback for tests: REST (API v10) and a gateway WebSocket speaking the real
 * wire protocol to an unmodified JDA. Tests make people talk ({@link #userSays}, {@link #dm},
 * {@link #slash}) and read back what the bot did ({@link #posted}, {@link #reactions}, ...).
 */
public final class FakeDiscord implements AutoCloseable {

    /** A reaction the bot added ({@code added}) or removed. */
    public record Reaction(String messageId, String emoji, boolean added) {
    }

    private final String token;
    private final String guildId;
    private final List<String> channelIds;
    private final String botId = DiscordJson.snowflake(Instant.parse("2025-01-01T00:00:00Z"));
    private final String appId = botId;
    private final FakeDiscordRest rest;
    private final FakeDiscordGateway gateway;
    private final List<Posted> posted = new CopyOnWriteArrayList<>();
    private final List<Reaction> reactions = new CopyOnWriteArrayList<>();
    private final List<String> typing = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final List<String> unmatched = new CopyOnWriteArrayList<>();
    private final Map<String, List<Integer>> callbacks = new ConcurrentHashMap<>();
    private final Map<String, String> interactionByToken = new ConcurrentHashMap<>();
    private final Map<String, String> interactionChannel = new ConcurrentHashMap<>();
    private final Map<String, String> dmChannels = new ConcurrentHashMap<>();
    private final AtomicReference<JsonNode> commands = new AtomicReference<>();
    private final Map<String, ObjectNode> said = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    /**
     * Starts the fake with a guild holding {@code channelIds}.
     *
     * @param token the only bot token the fake accepts
     */
    public FakeDiscord(String token, String guildId, List<String> channelIds) throws IOException {
        this.token = token;
        this.guildId = guildId;
        this.channelIds = List.copyOf(channelIds);
        this.rest = new FakeDiscordRest(this);
        this.gateway = new FakeDiscordGateway(token, this::readyData,
                () -> DiscordJson.guild(guildId, botUser(), this.channelIds));
        gateway.startAndWait();
    }

    public String apiBase() {
        return rest.apiBase();
    }

    public String gatewayUrl() {
        return gateway.url();
    }

    public String botId() {
        return botId;
    }

    String token() {
        return token;
    }

    ObjectNode botUser() {
        return DiscordJson.user(botId, "mos-bot", true);
    }

    private ObjectNode readyData() {
        ObjectNode d = DiscordJson.MAPPER.createObjectNode().put("v", 10);
        d.set("user", botUser().put("verified", true).put("mfa_enabled", false));
        d.putArray("guilds").addObject().put("id", guildId).put("unavailable", true);
        d.putArray("private_channels");
        d.putArray("relationships");
        d.putObject("application").put("id", appId).put("flags", 0);
        return d;
    }

    // ---- people talking -------------------------------------------------------------------

    /** A person posts {@code content} in guild channel {@code channelId}; returns the message id. */
    public String userSays(String channelId, String userId, String name, String content) {
        return say(Instant.now(), channelId, guildId, DiscordJson.user(userId, name, false), content);
    }

    /** Like {@link #userSays} but the message was sent at {@code at} (for history that must stay unseen). */
    public String userSaidAt(Instant at, String channelId, String userId, String name, String content) {
        return say(at, channelId, guildId, DiscordJson.user(userId, name, false), content);
    }

    /** Another bot account posts in a guild channel. */
    public String otherBotSays(String channelId, String botUserId, String name, String content) {
        return say(Instant.now(), channelId, guildId, DiscordJson.user(botUserId, name, true), content);
    }

    /** A person sends the bot a direct message; returns the message id. */
    public String dm(String userId, String name, String content) {
        return say(Instant.now(), dmChannel(userId), null, DiscordJson.user(userId, name, false), content);
    }

    /** The DM channel id between the bot and {@code userId}. */
    public String dmChannel(String userId) {
        return dmChannels.computeIfAbsent(userId, u -> DiscordJson.snowflake(Instant.now()));
    }

    private String say(Instant at, String channelId, String guild, ObjectNode author, String content) {
        String id = DiscordJson.snowflake(at);
        ObjectNode message = DiscordJson.message(id, channelId, guild, author, content, null, List.of());
        said.put(id, message);
        gateway.dispatch("MESSAGE_CREATE", message);
        return id;
    }

    /** A person replies (a Discord reply) in a guild channel to an earlier message, e.g. one of the bot's. */
    public String userRepliesTo(String repliedId, String channelId, String userId, String name, String content) {
        ObjectNode replied = said.get(repliedId);
        if (replied == null) {
            throw new IllegalArgumentException("no message " + repliedId + " on this fake");
        }
        String id = DiscordJson.snowflake(Instant.now());
        ObjectNode message = DiscordJson.message(id, channelId, guildId, DiscordJson.user(userId, name, false), content,
                repliedId, List.of());
        message.set("referenced_message", replied.deepCopy());
        said.put(id, message);
        gateway.dispatch("MESSAGE_CREATE", message);
        return id;
    }

    /** Dispatches MESSAGE_CREATE for an earlier message again, same id and content (at-least-once delivery). */
    public void redeliver(String messageId) {
        ObjectNode message = said.get(messageId);
        if (message == null) {
            throw new IllegalArgumentException("no message " + messageId + " was said on this fake");
        }
        gateway.dispatch("MESSAGE_CREATE", message);
    }

    /** A person runs {@code /mos <sub> option:value ...} in a guild channel; returns the interaction id. */
    public String slash(String channelId, String userId, String name, String sub, Map<String, Object> options) {
        String id = DiscordJson.snowflake(Instant.now());
        String itoken = "itok-" + id;
        interactionByToken.put(itoken, id);
        interactionChannel.put(id, channelId);
        gateway.dispatch("INTERACTION_CREATE", DiscordJson.slashInteraction(id, itoken, appId, guildId, channelId,
                DiscordJson.user(userId, name, false), sub, options));
        return id;
    }

    /** Drops the gateway connection; the client is expected to RESUME. */
    public void dropConnection() {
        gateway.dropConnection();
    }

    /** Sends op 7 RECONNECT on the gateway; the client is expected to RESUME. */
    public void requestReconnect() {
        gateway.requestReconnect();
    }

    /** Sends op 9 INVALID SESSION ({@code d: resumable}); without resumable the client must IDENTIFY anew. */
    public void invalidateSession(boolean resumable) {
        gateway.invalidateSession(resumable);
    }

    /** Stops acknowledging the current connection's heartbeats: it becomes a zombie the client must replace. */
    public void withholdHeartbeatAcks() {
        gateway.withholdHeartbeatAcks();
    }

    /** The heartbeat interval HELLO announces to connections opened from now on. */
    public void heartbeatInterval(Duration interval) {
        gateway.heartbeatInterval((int) interval.toMillis());
    }

    /** How many heartbeats (op 1) the gateway received. */
    public int heartbeats() {
        return gateway.heartbeats();
    }

    /**
     * The next {@code n} message posts answer 429 with {@code Retry-After} (whole seconds, as
     * Discord's header) and {@code retry_after} in the body, a per-route limit.
     */
    public void rateLimitNextPosts(int n, int retryAfterSeconds) {
        rest.rateLimitNextPosts(n, retryAfterSeconds);
    }

    /** Message posts the REST API refused (over 2,000 characters, rate limited), as "status content-length". */
    public List<String> refusedPosts() {
        return List.copyOf(refused);
    }

    void recordRefused(int status, String content) {
        refused.add(status + " " + content.codePointCount(0, content.length()));
    }

    /** Whether the Developer Portal switch for the Message Content intent is on (default on). */
    public void allowMessageContentIntent(boolean allowed) {
        gateway.messageContentAllowed(allowed);
    }

    /** On the next RESUME, also replay this many events the client had already received. */
    public void replayOnResume(int alreadySeenEvents) {
        gateway.resumeOverlap(alreadySeenEvents);
    }

    private final List<String> pings = new CopyOnWriteArrayList<>();

    // ---- what the bot did -----------------------------------------------------------------

    ObjectNode botPosted(String channelId, String content, String replyTo, List<Posted.File> files, String via) {
        String id = DiscordJson.snowflake(Instant.now());
        posted.add(new Posted(id, channelId, content, replyTo, List.copyOf(files), via));
        List<Map<String, Object>> att = new ArrayList<>();
        for (Posted.File f : files) {
            att.add(FakeDiscordRest.attachmentJson(DiscordJson.snowflake(Instant.now()), f));
        }
        ObjectNode message = DiscordJson.message(id, channelId, dmChannels.containsValue(channelId) ? null : guildId,
                botUser(), content, replyTo, att);
        said.put(id, message);
        if (via.equals("channel")) {
            // Discord echoes the bot's own messages on the gateway; the connector must ignore them.
            gateway.dispatch("MESSAGE_CREATE", message);
        }
        return message;
    }

    ObjectNode interactionPosted(String interactionToken, String content, List<Posted.File> files, String via) {
        String interaction = interactionByToken.getOrDefault(interactionToken, "unknown");
        String channel = interactionChannel.getOrDefault(interaction, channelIds.get(0));
        return botPosted(channel, content, null, files, via + ":" + interaction);
    }

    void recordReaction(String messageId, String emoji, boolean added) {
        reactions.add(new Reaction(messageId, emoji, added));
    }

    void recordTyping(String channelId) {
        typing.add(channelId);
    }

    void recordCallback(String interactionId, int type) {
        callbacks.computeIfAbsent(interactionId, k -> new CopyOnWriteArrayList<>()).add(type);
    }

    void recordCommands(JsonNode registered) {
        commands.set(registered);
    }

    void recordRequest(String request) {
        requests.computeIfAbsent(request, k -> new AtomicInteger()).incrementAndGet();
    }

    void recordMentions(JsonNode payload) {
        pings.addAll(FakeMentions.pings(payload));
    }

    /** Everyone the bot's messages pinged so far, as real Discord would ({@code @everyone}, {@code role:ID}, {@code user:ID}, {@code replied-user}). */
    public List<String> pings() {
        return List.copyOf(pings);
    }

    void recordUnmatched(String request) {
        unmatched.add(request);
    }

    /** Everything the bot posted in {@code channelId}, oldest first. */
    public List<Posted> posted(String channelId) {
        return posted.stream().filter(p -> p.channelId().equals(channelId)).toList();
    }

    /** What the bot posted through interaction {@code interactionId}'s webhook (edit-original, followups). */
    public List<Posted> interactionReplies(String interactionId) {
        return posted.stream().filter(p -> p.via().endsWith(":" + interactionId)).toList();
    }

    /** The bot's reaction changes on {@code messageId}, in order. */
    public List<Reaction> reactions(String messageId) {
        return reactions.stream().filter(r -> r.messageId().equals(messageId)).toList();
    }

    /** Interaction callback types the bot sent for {@code interactionId} (5 = deferred reply). */
    public List<Integer> callbacks(String interactionId) {
        return callbacks.getOrDefault(interactionId, List.of());
    }

    public List<String> typing() {
        return List.copyOf(typing);
    }

    /** The guild commands last registered (bulk overwrite), or null. */
    public JsonNode registeredCommands() {
        return commands.get();
    }

    /**
     * How many REST requests {@code request} (method and path under {@code /api/v10}, e.g.
     * {@code "GET /users/@me"}) the fake received, accepted or not: lets a test bound a retry loop.
     */
    public int requests(String request) {
        AtomicInteger n = requests.get(request);
        return n == null ? 0 : n.get();
    }

    /** Requests the fake had no route for (a test failure aid). */
    public List<String> unmatched() {
        return List.copyOf(unmatched);
    }

    public int identifies() {
        return gateway.identifies();
    }

    public int resumes() {
        return gateway.resumes();
    }

    public boolean gatewayConnected() {
        return gateway.connected();
    }

    /** The intents bitfield of the last IDENTIFY. */
    public long intents() {
        return gateway.intents();
    }

    @Override
    public void close() throws InterruptedException {
        rest.stop();
        gateway.stop(1000);
    }
}
