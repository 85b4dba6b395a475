package dev.mosaic.connector.matrix;

import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorProvider;

import java.util.List;

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

    @Override
    public Connector create(ConnectorConfig config, ConnectorContext context) throws ConnectorException {
        return new MatrixConnector(MatrixSettings.from(config), context);
    }
}
