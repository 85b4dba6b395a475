package dev.mosaic.connector.discord;

import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorProvider;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Discord bot connector (JDA), registered for {@link java.util.ServiceLoader} under type
 * {@code discord}.
 *
 * <p>Roster keys: {@code token} (secret), {@code guild}, {@code channels} (one or more channel ids;
 * {@code channel} is accepted too), optional {@code prefix} (default {@code !mos}),
 * {@code messageContent} (request the privileged MESSAGE_CONTENT intent, default false), and the
 * endpoint overrides {@code apiBase} and {@code gatewayUrl} for tests and self-hosted gateways.
 */
public final class DiscordConnectorProvider implements ConnectorProvider {

    /** Cheap no-arg constructor, as ServiceLoader requires; loads no JDA class. */
    public DiscordConnectorProvider() {
    }

    @Override
    public String type() {
        return DiscordSettings.TYPE;
    }

    @Override
    public String description() {
        return "Discord bot (JDA): prefix commands, mentions, DMs and /mos slash commands";
    }

    @Override
    public List<ConfigField> configFields() {
        // channels and channel are both optional here so either spelling validates; create()
        // insists on at least one.
        return List.of(
                ConfigField.secret("token", "Discord bot token (Developer Portal > your app > Bot > Reset Token)"),
                ConfigField.required("guild", "Discord server (guild) id"),
                // The wizard asks for one channel (required); more can be listed under channels.
                ConfigField.required("channel", "Discord channel id Mos watches"),
                new ConfigField("channels", "More channel ids Mos watches, comma separated", false, false, null),
                ConfigField.optional("prefix", "Command prefix", DiscordSettings.DEFAULT_PREFIX),
                ConfigField.optional("messageContent",
                        "Request the privileged Message Content intent (needed for prefix commands)", "false"),
                ConfigField.optional("apiBase", "REST base URL override (tests, self-hosting)", null),
                ConfigField.optional("gatewayUrl", "Gateway WebSocket URL override (tests, self-hosting)", null));
    }

    /** token and guild, and at least one channel under either spelling (the wizard asks for channel). */
    @Override
    public void checkConfig(Map<String, Object> values) throws ConnectorException {
        for (String key : List.of("token", "guild")) {
            if (!ConnectorProvider.isSet(values.get(key))) {
                throw new ConnectorException("connectors.discord." + key + " is required but not set", true);
            }
        }
        if (!ConnectorProvider.isSet(values.get("channel")) && !ConnectorProvider.isSet(values.get("channels"))) {
            throw new ConnectorException("connectors.discord.channels is required but not set: give one or more"
                    + " channel ids (key 'channels' or 'channel')", true);
        }
    }

    /** Discord user ids are numeric snowflakes; a user name or display name would never match. */
    @Override
    public Optional<String> checkPrincipalId(String id) {
        return id.matches("[0-9]{1,20}") ? Optional.empty()
                : Optional.of("a numeric Discord user id (snowflake) such as 123456789012345678: in Discord, enable"
                        + " Developer Mode, then right-click the user > Copy User ID");
    }

    @Override
    public Connector create(ConnectorConfig config, ConnectorContext context) throws ConnectorException {
        return new DiscordConnector(DiscordSettings.from(config), context);
    }
}
