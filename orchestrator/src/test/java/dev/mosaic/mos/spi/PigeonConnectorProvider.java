package dev.mosaic.mos.spi;

import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorCapabilities;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorProvider;
import dev.mosaic.connector.testkit.LoopbackConnector;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A connector that exists only in the orchestrator's test sources and is registered only in the
 * test resources' META-INF/services, the way a third-party connector jar would be: nothing in
 * fleet-core, the wizard or the CLI names it. Its platform is the testkit's loopback.
 */
public final class PigeonConnectorProvider implements ConnectorProvider {

    /** Every config the service created a pigeon connector from, oldest first, across instances. */
    public static final List<ConnectorConfig> CONFIGS = new CopyOnWriteArrayList<>();

    @Override
    public String type() {
        return "pigeon";
    }

    @Override
    public String description() {
        return "Carrier pigeons (a test-only connector)";
    }

    @Override
    public List<ConfigField> configFields() {
        return List.of(
                ConfigField.required("loft", "Pigeon loft the birds fly from"),
                ConfigField.secret("apiKey", "Loft API key"),
                ConfigField.optional("cooing", "How loud the birds coo", "quiet"));
    }

    /** Ring numbers: "ring-" and digits. */
    @Override
    public Optional<String> checkPrincipalId(String id) {
        return id.matches("ring-[0-9]+") ? Optional.empty() : Optional.of("a pigeon ring number such as ring-42");
    }

    @Override
    public Connector create(ConnectorConfig config, ConnectorContext context) throws ConnectorException {
        config.require("loft");
        CONFIGS.add(config);
        return new LoopbackConnector("pigeon", new ConnectorCapabilities(2000, true, true), context,
                Duration.ofMillis(100));
    }
}
