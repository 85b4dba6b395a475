package dev.mosaic.connector.testkit;

import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorCapabilities;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorProvider;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Provides the {@link LoopbackConnector} as connector type {@code "loopback"}, so a service test
 * can configure it in a roster like any real platform. Only test classpaths carry it.
 */
public final class LoopbackConnectorProvider implements ConnectorProvider {

    @Override
    public String type() {
        return "loopback";
    }

    @Override
    public String description() {
        return "In-memory loopback platform (tests only)";
    }

    @Override
    public List<ConfigField> configFields() {
        return List.of(
                ConfigField.optional("maxMessageLength", "Longest message the fake platform accepts", "2000"),
                ConfigField.optional("codeBlocks", "Whether code fences render (true/false)", "true"));
    }

    /** The loopback platform's user ids are the tests' own words, e.g. "100" or "alice": any one word. */
    @Override
    public Optional<String> checkPrincipalId(String id) {
        return id.matches("\\S+") ? Optional.empty() : Optional.of("one word, e.g. 100 or alice");
    }

    @Override
    public Connector create(ConnectorConfig config, ConnectorContext context) throws ConnectorException {
        int max = parseInt(config, "maxMessageLength", 2000);
        if (max < 64) {
            throw new ConnectorException("connectors.loopback.maxMessageLength must be at least 64, was " + max, true);
        }
        String codeBlocks = config.get("codeBlocks").orElse("true");
        if (!codeBlocks.equals("true") && !codeBlocks.equals("false")) {
            throw new ConnectorException("connectors.loopback.codeBlocks must be true or false, was '" + codeBlocks + "'", true);
        }
        boolean code = Boolean.parseBoolean(codeBlocks);
        return new LoopbackConnector("loopback", new ConnectorCapabilities(max, code, code), context, Duration.ofMillis(100));
    }

    private static int parseInt(ConnectorConfig config, String key, int dflt) throws ConnectorException {
        String v = config.get(key).orElse(null);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new ConnectorException("connectors.loopback." + key + " must be a number, was '" + v + "'", true);
        }
    }
}
