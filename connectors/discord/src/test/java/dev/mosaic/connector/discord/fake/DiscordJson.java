package dev.mosaic.connector.discord.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Builds the Discord API v10 JSON objects the fake serves (users, members, guilds, messages, interactions). */
final class DiscordJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long DISCORD_EPOCH = 1420070400000L;
    /**
     * What the fake grants @everyone: exactly the permissions docs/connectors/discord.md tells
     * people to grant (View Channel, Send Messages, Read Message History, Add Reactions, Attach
     * Files, Use Application Commands), so the client-side permission checks of JDA are exercised.
     */
    static final long GRANTED = (1L << 10) | (1L << 11) | (1L << 16) | (1L << 6) | (1L << 15) | (1L << 31);

    private static final AtomicLong INCREMENT = new AtomicLong();

    private DiscordJson() {
    }

    /** A snowflake whose embedded timestamp is {@code at}, as Discord mints them. */
    static String snowflake(Instant at) {
        return Long.toString(((at.toEpochMilli() - DISCORD_EPOCH) << 22) | (INCREMENT.incrementAndGet() & 0xFFF));
    }

    static ObjectNode user(String id, String name, boolean bot) {
        ObjectNode u = MAPPER.createObjectNode();
        u.put("id", id).put("username", name).put("discriminator", "0").put("global_name", name)
                .putNull("avatar");
        u.put("bot", bot).put("public_flags", 0).put("flags", 0);
        return u;
    }

    static ObjectNode member(ObjectNode user) {
        ObjectNode m = MAPPER.createObjectNode();
        if (user != null) {
            m.set("user", user);
        }
        m.putArray("roles");
        m.put("joined_at", "2026-01-01T00:00:00.000000+00:00").put("deaf", false).put("mute", false)
                .put("flags", 0).put("pending", false).putNull("nick").putNull("avatar");
        return m;
    }

    static ObjectNode textChannel(String id, String guildId) {
        ObjectNode c = MAPPER.createObjectNode();
        c.put("id", id).put("type", 0).put("guild_id", guildId).put("name", "ch-" + id.substring(id.length() - 4))
                .put("position", 0).put("nsfw", false).putNull("parent_id").putNull("topic").putNull("last_message_id")
                .put("rate_limit_per_user", 0).put("flags", 0);
        c.putArray("permission_overwrites");
        return c;
    }

    static ObjectNode guild(String guildId, ObjectNode botUser, List<String> channelIds) {
        ObjectNode g = MAPPER.createObjectNode();
        g.put("id", guildId).put("name", "Fake Guild").putNull("icon").putNull("splash").putNull("banner")
                .putNull("description").put("owner_id", "100000000000000001").put("afk_timeout", 300)
                .putNull("afk_channel_id").put("verification_level", 0).put("default_message_notifications", 0)
                .put("explicit_content_filter", 0).put("mfa_level", 0).put("nsfw_level", 0).put("premium_tier", 0)
                .put("premium_subscription_count", 0).put("preferred_locale", "en-US").put("system_channel_flags", 0)
                .putNull("system_channel_id").putNull("rules_channel_id").putNull("public_updates_channel_id")
                .putNull("safety_alerts_channel_id").putNull("vanity_url_code").putNull("application_id")
                .put("premium_progress_bar_enabled", false).put("large", false).put("unavailable", false)
                .put("member_count", 2).put("max_members", 500000).put("joined_at", "2026-01-01T00:00:00.000000+00:00");
        g.putArray("features");
        g.putArray("emojis");
        g.putArray("stickers");
        g.putArray("threads");
        g.putArray("voice_states");
        g.putArray("presences");
        g.putArray("stage_instances");
        g.putArray("guild_scheduled_events");
        g.putArray("soundboard_sounds");
        g.putArray("members").add(member(botUser));
        ObjectNode everyone = g.putArray("roles").addObject();
        everyone.put("id", guildId).put("name", "@everyone").put("permissions", Long.toString(GRANTED))
                .put("position", 0).put("color", 0).put("hoist", false).put("managed", false)
                .put("mentionable", false).put("flags", 0).putNull("icon").putNull("unicode_emoji");
        everyone.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
        ArrayNode channels = g.putArray("channels");
        channelIds.forEach(id -> channels.add(textChannel(id, guildId)));
        return g;
    }

    /** A message object as Discord returns it and dispatches it in MESSAGE_CREATE. */
    static ObjectNode message(String id, String channelId, String guildId, ObjectNode author, String content,
                              String replyTo, List<Map<String, Object>> attachments) {
        ObjectNode m = MAPPER.createObjectNode();
        m.put("id", id).put("channel_id", channelId).put("content", content)
                .put("timestamp", Instant.ofEpochMilli((Long.parseLong(id) >> 22) + DISCORD_EPOCH).toString())
                .putNull("edited_timestamp").put("tts", false).put("mention_everyone", false).put("pinned", false)
                .put("type", replyTo == null ? 0 : 19).put("flags", 0);
        m.set("author", author);
        if (guildId != null) {
            m.put("guild_id", guildId);
            m.set("member", member(null));
        }
        m.putArray("mentions");
        m.putArray("mention_roles");
        m.putArray("embeds");
        m.putArray("components");
        ArrayNode att = m.putArray("attachments");
        for (Map<String, Object> a : attachments) {
            att.add(MAPPER.valueToTree(a));
        }
        if (replyTo != null) {
            ObjectNode ref = m.putObject("message_reference");
            ref.put("type", 0).put("message_id", replyTo).put("channel_id", channelId);
            if (guildId != null) {
                ref.put("guild_id", guildId);
            }
        }
        return m;
    }

    /** An APPLICATION_COMMAND interaction for {@code /mos <sub> option:value ...} in a guild channel. */
    static ObjectNode slashInteraction(String id, String token, String appId, String guildId, String channelId,
                                       ObjectNode user, String sub, Map<String, Object> options) {
        ObjectNode i = MAPPER.createObjectNode();
        i.put("id", id).put("application_id", appId).put("type", 2).put("token", token).put("version", 1)
                .put("guild_id", guildId).put("channel_id", channelId).put("locale", "en-US")
                .put("guild_locale", "en-US").put("app_permissions", Long.toString(GRANTED)).put("context", 0)
                .put("attachment_size_limit", 10485760);
        i.putArray("entitlements");
        i.putObject("authorizing_integration_owners").put("0", guildId);
        i.set("channel", textChannel(channelId, guildId));
        ObjectNode partialGuild = i.putObject("guild");
        partialGuild.put("id", guildId).put("locale", "en-US");
        partialGuild.putArray("features");
        ObjectNode member = member(user);
        member.put("permissions", Long.toString(GRANTED));
        i.set("member", member);
        ObjectNode data = i.putObject("data");
        data.put("id", "1300000000000000001").put("name", "mos").put("type", 1).put("guild_id", guildId);
        ObjectNode subNode = data.putArray("options").addObject();
        subNode.put("name", sub).put("type", 1);
        ArrayNode opts = subNode.putArray("options");
        options.forEach((k, v) -> {
            ObjectNode o = opts.addObject().put("name", k);
            if (v instanceof Integer n) {
                o.put("type", 4).put("value", n);
            } else {
                o.put("type", 3).put("value", String.valueOf(v));
            }
        });
        return i;
    }
}
