package dev.mosaic.connector.slack;

import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorException;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The validated configuration of one Slack connector.
 *
 * @param botToken the bot token {@code xoxb-…} (a secret: never printed, see {@link #toString()})
 * @param appToken the app-level token {@code xapp-…} for Socket Mode, or {@code null} in HTTP mode
 * @param channelIds the channels (C…/G…) Mos watches; DMs with the bot are always watched
 * @param apiBase the Web API methods URL prefix, ending in {@code /}, e.g. {@code https://slack.com/api/}
 * @param mode how events arrive: over the Socket Mode WebSocket or as HTTP requests (Events API)
 * @param signingSecret the app's signing secret (HTTP mode), or {@code null}
 * @param port the port the HTTP mode listens on (0 picks a free one, for tests)
 */
record SlackSettings(String botToken, String appToken, Set<String> channelIds, String apiBase, Mode mode,
                     String signingSecret, int port) {

    static final String TYPE = "slack";
    static final String SLACK_API = "https://slack.com/api/";
    static final int DEFAULT_PORT = 3000;
    private static final Pattern CHANNEL = Pattern.compile("[CGD][A-Z0-9]{2,}");
    static final Pattern USER = Pattern.compile("[UW][A-Z0-9]{2,}");

    /** How Slack delivers events to Mos. */
    enum Mode { SOCKET, HTTP }

    SlackSettings {
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(mode, "mode");
        channelIds = Set.copyOf(channelIds);
    }

    /** Reads and validates {@code connectors.slack}; the message names the bad key, never a token. */
    static SlackSettings from(ConnectorConfig config) throws ConnectorException {
        String mode = config.get("mode").map(s -> s.strip().toLowerCase(Locale.ROOT)).orElse("socket");
        Mode m = switch (mode) {
            case "socket" -> Mode.SOCKET;
            case "http" -> Mode.HTTP;
            default -> throw new ConnectorException("connectors.slack.mode must be socket or http, was '" + mode + "'", true);
        };
        String bot = token(config, "botToken", "xoxb-", "the bot token from OAuth & Permissions");
        String app = null;
        String secret = config.get("signingSecret").map(String::strip).orElse(null);
        if (m == Mode.SOCKET) {
            app = token(config, "appToken", "xapp-",
                    "an app-level token with the connections:write scope (Basic Information > App-Level Tokens)");
        } else if (secret == null) {
            throw new ConnectorException("connectors.slack.signingSecret is required in http mode (Basic Information >"
                    + " App Credentials > Signing Secret): without it nobody can tell Slack's requests from forged ones", true);
        }
        Set<String> channels = new LinkedHashSet<>();
        for (String raw : config.list("channels")) {
            for (String part : raw.split(",")) {
                String id = part.strip();
                if (id.isEmpty()) {
                    continue;
                }
                if (!CHANNEL.matcher(id).matches()) {
                    throw new ConnectorException("connectors.slack.channels must hold Slack channel ids such as"
                            + " C0123ABCD (channel details > About > Channel ID), was '" + id + "'", true);
                }
                channels.add(id);
            }
        }
        if (channels.isEmpty()) {
            throw new ConnectorException("connectors.slack.channels is required: give one or more channel ids such as"
                    + " C0123ABCD", true);
        }
        String apiBase = apiBase(config);
        int port = port(config);
        return new SlackSettings(bot, app, channels, apiBase, m, secret, port);
    }

    private static String token(ConnectorConfig config, String key, String prefix, String what) throws ConnectorException {
        String t = config.require(key).strip();
        if (!t.startsWith(prefix) || t.chars().anyMatch(Character::isWhitespace)) {
            // Never echo the value: it may be a real secret pasted into the wrong key.
            throw new ConnectorException("connectors.slack." + key + " must be " + what + ", starting with '"
                    + prefix + "'", true);
        }
        return t;
    }

    private static String apiBase(ConnectorConfig config) throws ConnectorException {
        String v = config.get("apiBase").map(String::strip).orElse(SLACK_API);
        URI uri;
        try {
            uri = URI.create(v);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException("connectors.slack.apiBase is not a URL: '" + v + "'", true, e);
        }
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
            throw new ConnectorException("connectors.slack.apiBase must be an absolute http(s):// URL such as "
                    + SLACK_API + ", was '" + v + "'", true);
        }
        return v.endsWith("/") ? v : v + "/";
    }

    private static int port(ConnectorConfig config) throws ConnectorException {
        String v = config.get("port").map(String::strip).orElse(String.valueOf(DEFAULT_PORT));
        try {
            int p = Integer.parseInt(v);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConnectorException("connectors.slack.port must be a TCP port (0-65535), was '" + v + "'", true);
    }

    /** Whether the Web API is on this machine (a fake, a local proxy): then no HTTP proxy applies. */
    boolean apiOnLoopback() {
        try {
            return InetAddress.getByName(URI.create(apiBase).getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SlackSettings[mode=" + mode.name().toLowerCase(Locale.ROOT) + ", channels=" + channelIds
                + ", apiBase=" + apiBase + (mode == Mode.HTTP ? ", port=" + port : "")
                + ", botToken=***, appToken=***, signingSecret=***]";
    }
}
