package dev.mosaic.connector.matrix;

import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorProvider;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code matrix} connector: a bot account on a (self-hosted) Matrix homeserver. */
public final class MatrixConnectorProvider implements ConnectorProvider {

    @Override
    public String type() {
        return "matrix";
    }

    @Override
    public String description() {
        return "Matrix bot account (Client-Server API, unencrypted rooms)";
    }

    @Override
    public List<ConfigField> configFields() {
        return List.of(
                ConfigField.required("homeserver", "Homeserver URL, e.g. http://127.0.0.1:8008"),
                ConfigField.required("userId", "Bot user id, e.g. @mos:localhost"),
                new ConfigField("token", "Bot access token (or leave empty and give a password)", false, true, null),
                new ConfigField("password", "Bot password (only when no token is given)", false, true, null),
                new ConfigField("rooms", "Room ids or aliases to watch, e.g. !abc:localhost", false, false, null),
                new ConfigField("room", "A single room id or alias (same as rooms)", false, false, null),
                new ConfigField("autoJoinFrom", "User ids whose invites the bot accepts", false, false, null),
                ConfigField.optional("prefix", "Command prefix", "!mos"));
    }

    /** homeserver and userId, and a token or a password to log in with. */
    @Override
    public void checkConfig(Map<String, Object> values) throws ConnectorException {
        for (String key : List.of("homeserver", "userId")) {
            if (!ConnectorProvider.isSet(values.get(key))) {
                throw new ConnectorException("connectors.matrix." + key + " is required but not set", true);
            }
        }
        if (!ConnectorProvider.isSet(values.get("token")) && !ConnectorProvider.isSet(values.get("password"))) {
            throw new ConnectorException("connectors.matrix.token (or .password) is required but not set", true);
        }
    }

    /** A full Matrix user id: {@code @localpart:server}. */
    @Override
    public Optional<String> checkPrincipalId(String id) {
        return id.matches("@[^:\\s]+:\\S+") ? Optional.empty()
                : Optional.of("a full Matrix user id such as @owner:example.org");
    }

    @Override
    public Connector create(ConnectorConfig config, ConnectorContext context) throws ConnectorException {
        return new MatrixConnector(MatrixSettings.from(config), context);
    }
}
