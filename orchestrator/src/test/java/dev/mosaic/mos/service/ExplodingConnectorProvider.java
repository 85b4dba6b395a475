package dev.mosaic.mos.service;

import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorCapabilities;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorProvider;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A connector type found only on the test classpath (META-INF/services) whose connectors always
 * fail to start: {@code mode: crash} throws a RuntimeException, {@code mode: permanent} a
 * permanent ConnectorException, anything else a transient one.
 */
public final class ExplodingConnectorProvider implements ConnectorProvider {

    /** How many connectors were created, across every instance of the provider. */
    static final AtomicInteger CREATED = new AtomicInteger();

    @Override
    public String type() {
        return "exploding";
    }

    @Override
    public List<ConfigField> configFields() {
        return List.of(ConfigField.required("mode", "crash, permanent or transient"));
    }

    @Override
    public Connector create(ConnectorConfig config, ConnectorContext context) {
        CREATED.incrementAndGet();
        String mode = config.get("mode").orElse("transient");
        return new Connector() {
            @Override
            public ConnectorCapabilities capabilities() {
                return new ConnectorCapabilities(2000, true, true);
            }

            @Override
            public void start(Consumer<InboundMessage> inbound) throws ConnectorException {
                switch (mode) {
                    case "crash" -> throw new IllegalStateException("boom: the exploding connector crashed");
                    case "permanent" -> throw new ConnectorException("exploding: token rejected", true);
                    default -> throw new ConnectorException("exploding: gateway unreachable", false);
                }
            }

            @Override
            public void send(OutboundMessage message) throws ConnectorException {
                throw new ConnectorException("exploding: not connected", false);
            }

            @Override
            public void close() {
            }
        };
    }
}
