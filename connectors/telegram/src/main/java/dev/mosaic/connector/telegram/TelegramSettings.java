package dev.mosaic.connector.telegram;

import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorException;
import org.telegram.telegrambots.meta.TelegramUrl;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated configuration of one Telegram connector.
 *
 * @param token the bot token from @BotFather (a secret: never printed, see {@link #toString()})
 * @param chatIds the group and supergroup chat ids Mos listens in (negative numbers); direct
 *     messages to the bot are always heard, whoever sends them (the service refuses strangers)
 * @param apiScheme {@code https} for Telegram, {@code http} for a local Bot API server or a fake
 * @param apiHost the Bot API host, {@code api.telegram.org} by default
 * @param apiPort the Bot API port
 */
record TelegramSettings(String token, Set<String> chatIds, String apiScheme, String apiHost, int apiPort) {

    static final String TYPE = "telegram";
    static final String DEFAULT_API_BASE = "https://api.telegram.org";
    /** What @BotFather hands out: the bot's numeric id, a colon, then the secret part. */
    private static final Pattern TOKEN = Pattern.compile("[0-9]{3,}:[A-Za-z0-9_-]{8,}");
    private static final Pattern CHAT_ID = Pattern.compile("-?[0-9]{1,20}");

    TelegramSettings {
        Objects.requireNonNull(token, "token");
        chatIds = Set.copyOf(chatIds);
        Objects.requireNonNull(apiScheme, "apiScheme");
        Objects.requireNonNull(apiHost, "apiHost");
    }

    /** Reads and validates {@code connectors.telegram}; the message names the bad key, never the token. */
    static TelegramSettings from(ConnectorConfig config) throws ConnectorException {
        String token = config.require("token").strip();
        if (!TOKEN.matcher(token).matches()) {
            throw new ConnectorException("connectors.telegram.token does not look like a bot token from @BotFather"
                    + " (digits, a colon, then letters, digits, '_' or '-')", true);
        }
        Set<String> chats = chats(config);
        URI uri = apiBase(config);
        String scheme = uri.getScheme();
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new TelegramSettings(token, chats, scheme, uri.getHost(), port);
    }

    /** The group chat ids of {@code chats}: a list and/or comma-separated strings of numeric ids. */
    static Set<String> chats(ConnectorConfig config) throws ConnectorException {
        Set<String> chats = new LinkedHashSet<>();
        for (String raw : config.list("chats")) {
            for (String part : raw.split(",")) {
                String id = part.strip();
                if (id.isEmpty()) {
                    continue;
                }
                if (!CHAT_ID.matcher(id).matches()) {
                    throw new ConnectorException("connectors.telegram.chats must hold numeric Telegram chat ids"
                            + " (a group is negative, e.g. -1001234567890), was '" + id + "'", true);
                }
                chats.add(id);
            }
        }
        return chats;
    }

    /** The Bot API base URL: http(s), a host, an optional port and no path. */
    static URI apiBase(ConnectorConfig config) throws ConnectorException {
        String base = config.get("apiBase").map(String::strip).orElse(DEFAULT_API_BASE);
        URI uri;
        try {
            uri = URI.create(base);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException("connectors.telegram.apiBase is not a URL: '" + base + "'", true, e);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new ConnectorException("connectors.telegram.apiBase must be an absolute http(s):// URL such as "
                    + DEFAULT_API_BASE + ", was '" + base + "'", true);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new ConnectorException("connectors.telegram.apiBase takes no path (the Bot API lives at"
                    + " /bot<token>/<method>), was '" + base + "'", true);
        }
        return uri;
    }

    /** Whether Mos listens in the group chat {@code chatId}. */
    boolean watches(String chatId) {
        return chatIds.contains(chatId);
    }

    TelegramUrl telegramUrl() {
        return new TelegramUrl(apiScheme, apiHost, apiPort, false);
    }

    String apiBase() {
        return apiScheme + "://" + apiHost + ":" + apiPort;
    }

    @Override
    public String toString() {
        return "TelegramSettings[chats=" + chatIds + ", apiBase=" + apiBase() + ", token=***]";
    }
}
