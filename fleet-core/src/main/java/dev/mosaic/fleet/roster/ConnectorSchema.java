package dev.mosaic.fleet.roster;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the roster needs to know about chat connectors, which fleet-core itself does not know.
 *
 * <p>fleet-core keeps each {@code orchestrator.connectors.<type>} block as an opaque map and asks
 * this schema whether the type exists, which keys it takes, whether the block is complete, and
 * whether a principal's id on that platform is well-formed. The service implements it from the
 * connector plugins on its class path, so a connector in a jar of its own is validated without
 * a change here. {@link #open()} accepts everything (fleet-core on its own, which knows no
 * connector).
 */
public interface ConnectorSchema {

    /** The connector types that can be configured, for messages and suggestions. */
    Set<String> types();

    /** Whether {@code type} can be configured under {@code connectors:}. */
    default boolean handles(String type) {
        return types().contains(type);
    }

    /**
     * Principal platforms that are not connectors (e.g. {@code web}, the web page's log-in names):
     * {@code principals.<name>.<platform>} accepts these and every connector type.
     */
    default Set<String> identities() {
        return Set.of();
    }

    /**
     * The keys a block of {@code type} may hold, or empty to accept any key. A key not listed is
     * reported on its line with a suggestion.
     */
    Optional<Set<String>> keys(String type);

    /**
     * Checks a block as written in the roster ({@code ${env:..}} and {@code ${file:..}} references
     * not resolved; they count as set). Called after unknown keys were refused.
     *
     * @param values key to value: a {@code String}, a {@code List}, a {@code Map} or {@code null}
     * @return empty when the block is acceptable, else what is wrong, naming the key
     */
    Optional<String> check(String type, Map<String, Object> values);

    /**
     * Checks the id a principal gives on {@code platform} (a connector type or an identity).
     *
     * @return empty when acceptable, else what is expected
     */
    default Optional<String> checkPrincipalId(String platform, String id) {
        return Optional.empty();
    }

    /** A schema that knows no connector and so accepts every type, key, platform and id. */
    static ConnectorSchema open() {
        return OpenConnectorSchema.INSTANCE;
    }
}
