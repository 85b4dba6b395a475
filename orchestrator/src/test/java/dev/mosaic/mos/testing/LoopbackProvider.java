package dev.mosaic.mos.testing;

import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorCapabilities;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorProvider;
import dev.mosaic.connector.testkit.LoopbackConnector;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plays a chat platform of type {@code type} with the testkit's loopback connector, so the test
 * can speak as its people; remembers the connector it created last and every config it got.
 */
public final class LoopbackProvider implements ConnectorProvider {

    private final String type;
    private final ConnectorCapabilities capabilities;
    private final AtomicReference<LoopbackConnector> current = new AtomicReference<>();
    private final List<ConnectorConfig> configs = new CopyOnWriteArrayList<>();

    public LoopbackProvider(String type, ConnectorCapabilities capabilities) {
        this.type = type;
        this.capabilities = capabilities;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public List<ConfigField> configFields() {
        return List.of();
    }

    @Override
    public Connector create(ConnectorConfig config, ConnectorContext context) {
        configs.add(config);
        LoopbackConnector c = new LoopbackConnector(type, capabilities, context, Duration.ofMillis(100));
        current.set(c);
        return c;
    }

    /** The connector created last (the running one), or null before the service created one. */
    public LoopbackConnector current() {
        return current.get();
    }

    /** Every config the service created a connector from, oldest first. */
    public List<ConnectorConfig> configs() {
        return List.copyOf(configs);
    }
}
