package dev.mosaic.connector.telegram;

import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorProvider;

import java.util.List;
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
                ConfigField.optional("apiBase", "Bot API URL override (a local Bot API server, tests)",
                        TelegramSettings.DEFAULT_API_BASE));
    }

    @Override
    public Optional<String> checkPrincipalId(String id) {
        // User ids are positive and (today) fit in 52 bits; usernames (@name) can change hands.
        return id != null && id.strip().matches("[1-9][0-9]{0,15}") ? Optional.empty()
                : Optional.of("a numeric Telegram user id such as 123456789 (not a @username: ask the bot"
                        + " `whoami` in a direct message, or read it off the refusal Mos sends a stranger)");
    }

    @Override
    public Connector create(ConnectorConfig config, ConnectorContext context) throws ConnectorException {
        return new TelegramConnector(TelegramSettings.from(config), context);
    }
}
