package dev.mosaic.fleet.roster;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link ConnectorSchema#open()}: knows no connector, so it accepts every block and platform. */
final class OpenConnectorSchema implements ConnectorSchema {

    static final OpenConnectorSchema INSTANCE = new OpenConnectorSchema();

    private OpenConnectorSchema() {
    }

    @Override
    public Set<String> types() {
        return Set.of();
    }

    @Override
    public boolean handles(String type) {
        return true;
    }

    @Override
    public Optional<Set<String>> keys(String type) {
        return Optional.empty();
    }

    @Override
    public Optional<String> check(String type, Map<String, Object> values) {
        return Optional.empty();
    }
}
