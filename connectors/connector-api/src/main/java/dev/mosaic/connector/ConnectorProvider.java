package dev.mosaic.connector;

import org.jspecify.annotations.Nullable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Factory for one kind of connector, found with {@link java.util.ServiceLoader}.
 *
 * <p>Implementations must have a cheap public no-arg constructor: the service instantiates every
 * provider on the classpath at start-up, including ones the roster does not use. A provider whose
 * class fails to load is reported and skipped; the others keep working.
 */
public interface ConnectorProvider {

    /** The key under {@code connectors:} in the roster, e.g. {@code "discord"}. Lower case. */
    String type();

    /** A one-line description shown by the init wizard, e.g. "Discord bot (JDA)". */
    default String description() {
        return type();
    }

    /**
     * The configuration this connector understands, in the order the init wizard asks for it.
     * Keys not listed here are rejected when the roster is validated.
     */
    List<ConfigField> configFields();

    /**
     * Checks this connector's roster block as written, when the roster is loaded and on every
     * reload, before any connector is created. Secret references ({@code ${env:NAME}},
     * {@code ${file:PATH}}) are not resolved yet and count as set; keys not declared in
     * {@link #configFields()} were already refused. The default requires every
     * {@linkplain ConfigField#required() required} field; override it for rules the field list
     * cannot say, such as "channel or channels".
     *
     * @param values the block's keys and values: a {@code String}, a {@code List}, or {@code null}
     * @throws ConnectorException naming the key, e.g. "connectors.discord.guild is required but not set"
     */
    default void checkConfig(Map<String, @Nullable Object> values) throws ConnectorException {
        for (ConfigField f : configFields()) {
            if (f.required() && !isSet(values.get(f.key()))) {
                throw new ConnectorException("connectors." + type() + "." + f.key() + " is required but not set ("
                        + f.prompt() + ")", true);
            }
        }
    }

    /** Whether a roster value counts as given: a non-blank string or a non-empty list. */
    static boolean isSet(@Nullable Object value) {
        if (value instanceof List<?> l) {
            return !l.isEmpty();
        }
        return value != null && !value.toString().isBlank();
    }

    /**
     * Checks the id a roster principal gives for this platform ({@code principals.<name>.<type>}),
     * e.g. Telegram's numeric user id. Ids are immutable platform ids, never display names.
     *
     * @return empty when the id is acceptable, else what is expected, e.g.
     *         "a numeric Telegram user id such as 123456789"
     */
    default Optional<String> checkPrincipalId(String id) {
        return Optional.empty();
    }

    /**
     * Creates a connector. Must not open network connections: that happens in
     * {@link Connector#start}. Throws {@link ConnectorException} naming the bad key when the
     * configuration is invalid.
     */
    Connector create(ConnectorConfig config, ConnectorContext context) throws ConnectorException;
}
