package dev.mosaic.connector.telegram;

import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorProvider;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Telegram bot connector (telegrambots, long polling), registered for {@link java.util.ServiceLoader}
 * under type {@code telegram}.
 *
 * <p>Roster keys: {@code token} (secret, from @BotFather), {@code chats} (group chat ids Mos listens
 * in; direct messages always reach it) and {@code apiBase} (the Bot API URL, for a local Bot API
 * server and tests). Principals name people by their numeric Telegram user id.
 */
public final class TelegramConnectorProvider implements ConnectorProvider {

    /** Cheap no-arg constructor, as ServiceLoader requires; loads no telegrambots class. */
    public TelegramConnectorProvider() {
    }

    @Override
    public String type() {
        return TelegramSettings.TYPE;
    }

    @Override
    public String description() {
        return "Telegram bot (long polling): /mos and per-verb commands, mentions, replies, DMs, inline buttons";
    }

    @Override
    public List<ConfigField> configFields() {
        return List.of(
                ConfigField.secret("token", "Telegram bot token (from @BotFather: /newbot, or /token for an existing bot)"),
                new ConfigField("chats", "Telegram group chat ids Mos listens in, comma separated (groups are negative,"
                        + " e.g. -1001234567890; leave empty for direct messages only)", false, false, null),
                // No default written into the roster: absent means the real Bot API.
                ConfigField.optional("apiBase", "Bot API URL, default " + TelegramSettings.DEFAULT_API_BASE
                        + " (a local Bot API server, tests)", null));
    }

    /** The token must be given (as a secret reference); chat ids and the URL are checked as written. */
    @Override
    public void checkConfig(Map<String, Object> values) throws ConnectorException {
        ConnectorProvider.super.checkConfig(values);
        Map<String, Object> shape = new HashMap<>();
        values.forEach((k, v) -> {
            if (v != null && !k.equals("token")) {
                shape.put(k, v);
            }
        });
        ConnectorConfig config = new ConnectorConfig(TelegramSettings.TYPE, shape);
        TelegramSettings.chats(config);
        TelegramSettings.apiBase(config);
    }

    /** User ids are positive numbers; a @username can change hands, so it never identifies anyone. */
    @Override
    public Optional<String> checkPrincipalId(String id) {
        return id != null && id.strip().matches("[1-9][0-9]{0,15}") ? Optional.empty()
                : Optional.of("a numeric Telegram user id such as 123456789 (a @username can change hands): send"
                        + " the bot a direct message and Mos answers with your id");
    }

    @Override
    public Connector create(ConnectorConfig config, ConnectorContext context) throws ConnectorException {
        return new TelegramConnector(TelegramSettings.from(config), context);
    }
}
