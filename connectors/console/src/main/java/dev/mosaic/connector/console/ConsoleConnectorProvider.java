package dev.mosaic.connector.console;

import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorProvider;

import java.util.List;
import java.util.Optional;

/** Provides the {@link ConsoleConnector} as connector type {@code "console"} on the process's own stdin/stdout. */
public final class ConsoleConnectorProvider implements ConnectorProvider {

    @Override
    public String type() {
        return "console";
    }

    @Override
    public String description() {
        return "Terminal: standard input and output (local use, the demo)";
    }

    @Override
    public List<ConfigField> configFields() {
        return List.of(ConfigField.required("user", "Your user name (the principal id for the console)"));
    }

    /** The console's principal id is the one-word user name given in {@code connectors.console.user}. */
    @Override
    public Optional<String> checkPrincipalId(String id) {
        return id.matches("\\S+") ? Optional.empty() : Optional.of("one word (the console user name, e.g. your login)");
    }

    @Override
    public Connector create(ConnectorConfig config, ConnectorContext context) throws ConnectorException {
        String user = config.require("user");
        if (user.chars().anyMatch(Character::isWhitespace)) {
            throw new ConnectorException("connectors.console.user must be one word, was '" + user + "'", true);
        }
        return new ConsoleConnector(user, System.in, System.out, context);
    }
}
