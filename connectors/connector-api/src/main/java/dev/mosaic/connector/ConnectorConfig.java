package dev.mosaic.connector;

import org.jspecify.annotations.Nullable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration of one connector instance, read from the roster's {@code connectors.<type>}
 * block with secret references already resolved.
 *
 * <p>Values are strings; list values (several channels, several rooms) are kept as lists.
 * Resolved secrets live only here, in memory: a connector must never log them.
 *
 * @param type the connector type, e.g. {@code "discord"}
 * @param values the keys and their values; a value is a {@code String} or a {@code List<String>}
 */
public record ConnectorConfig(String type, Map<String, @Nullable Object> values) {

    public ConnectorConfig {
        values = Map.copyOf(values);
    }

    /** The value of {@code key}, or empty when it is absent or blank. */
    public Optional<String> get(String key) {
        Object v = values.get(key);
        if (v instanceof List<?> l) {
            return l.isEmpty() ? Optional.empty() : Optional.of(String.valueOf(l.get(0)));
        }
        return v == null || v.toString().isBlank() ? Optional.empty() : Optional.of(v.toString());
    }

    /** The value of {@code key}, or a {@link ConnectorException} naming the missing key. */
    public String require(String key) throws ConnectorException {
        return get(key).orElseThrow(() -> new ConnectorException(
                "connectors." + type + "." + key + " is required but not set", true));
    }

    /** A list value; a single string becomes a one-element list, an absent key an empty list. */
    public List<String> list(String key) {
        Object v = values.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        return List.of(v.toString());
    }

    /** Masks every value, so a config can be printed without leaking secrets. */
    @Override
    public String toString() {
        return "ConnectorConfig[type=" + type + ", keys=" + values.keySet() + "]";
    }
}
