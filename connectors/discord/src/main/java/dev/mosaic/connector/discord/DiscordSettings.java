package dev.mosaic.connector.discord;

import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorException;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The validated configuration of one Discord connector.
 *
 * @param token the bot token (a secret: never printed, see {@link #toString()})
 * @param guildId the snowflake of the guild (server) Mos serves
 * @param channelIds the snowflakes of the channels watched for prefix commands and mentions
 * @param prefix the command prefix, {@code !mos} by default (documentation only: the service checks it)
 * @param apiBase REST base URL override ending in {@code /api/v10/}, or {@code null} for Discord
 * @param gatewayUrl gateway WebSocket URL override, or {@code null} for Discord
 * @param messageContent whether to request the privileged MESSAGE_CONTENT intent
 */
record DiscordSettings(String token, String guildId, Set<String> channelIds, String prefix,
                       String apiBase, String gatewayUrl, boolean messageContent) {

    static final String TYPE = "discord";
    static final String DEFAULT_PREFIX = "!mos";

    DiscordSettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(guildId, "guildId");
        channelIds = Set.copyOf(channelIds);
        if (channelIds.isEmpty()) {
            throw new IllegalArgumentException("at least one channel id is required");
        }
    }

    /** Reads and validates {@code connectors.discord}; the message names the bad key, never the token. */
    static DiscordSettings from(ConnectorConfig config) throws ConnectorException {
        String token = config.require("token").strip();
        if (token.regionMatches(true, 0, "Bot ", 0, 4)) {
            token = token.substring(4).strip();
        }
        if (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)) {
            throw new ConnectorException("connectors.discord.token is not a bot token (it is blank or contains spaces)", true);
        }
        String guild = snowflake("guild", config.require("guild"));
        List<String> rawChannels = new ArrayList<>(config.list("channels"));
        rawChannels.addAll(config.list("channel"));
        Set<String> channels = new LinkedHashSet<>();
        for (String raw : rawChannels) {
            for (String part : raw.split(",")) {
                if (!part.isBlank()) {
                    channels.add(snowflake("channels", part.strip()));
                }
            }
        }
        if (channels.isEmpty()) {
            throw new ConnectorException("connectors.discord.channels is required: give one or more channel ids"
                    + " (key 'channels' or 'channel')", true);
        }
        String prefix = config.get("prefix").map(String::strip).orElse(DEFAULT_PREFIX);
        String apiBase = url("apiBase", config, "http");
        if (apiBase != null && !apiBase.endsWith("/")) {
            apiBase = apiBase + "/";
        }
        String gateway = url("gatewayUrl", config, "ws");
        String mc = config.get("messageContent").map(String::strip).orElse("false");
        if (!mc.equalsIgnoreCase("true") && !mc.equalsIgnoreCase("false")) {
            throw new ConnectorException("connectors.discord.messageContent must be true or false, was '" + mc + "'", true);
        }
        return new DiscordSettings(token, guild, channels, prefix, apiBase, gateway, Boolean.parseBoolean(mc));
    }

    private static String snowflake(String key, String value) throws ConnectorException {
        if (!value.matches("[0-9]{5,20}")) {
            throw new ConnectorException("connectors.discord." + key + " must be a numeric Discord id (snowflake), was '"
                    + value + "'", true);
        }
        return value;
    }

    /** An optional absolute URL whose scheme starts with {@code schemePrefix}, or null when absent. */
    private static String url(String key, ConnectorConfig config, String schemePrefix) throws ConnectorException {
        String v = config.get(key).map(String::strip).orElse(null);
        if (v == null) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(v);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException("connectors.discord." + key + " is not a URL: '" + v + "'", true, e);
        }
        if (uri.getScheme() == null || !uri.getScheme().startsWith(schemePrefix) || uri.getHost() == null) {
            throw new ConnectorException("connectors.discord." + key + " must be an absolute " + schemePrefix
                    + "(s):// URL, was '" + v + "'", true);
        }
        return v;
    }

    @Override
    public String toString() {
        return "DiscordSettings[guild=" + guildId + ", channels=" + channelIds + ", prefix=" + prefix
                + ", apiBase=" + apiBase + ", gatewayUrl=" + gatewayUrl + ", messageContent=" + messageContent
                + ", token=***]";
    }
}
