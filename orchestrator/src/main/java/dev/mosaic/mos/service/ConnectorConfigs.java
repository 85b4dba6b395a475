package dev.mosaic.mos.service;

import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.Secrets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the roster's {@code orchestrator.connectors} blocks into connector configurations with
 * secret references resolved (in memory only). A block whose secret cannot be resolved becomes an
 * error for that connector alone; the message names the reference, never a value.
 *
 * @param configs type to resolved configuration
 * @param errors type to why it cannot be configured
 */
record ConnectorConfigs(Map<String, ConnectorConfig> configs, Map<String, String> errors) {

    static ConnectorConfigs resolve(Roster roster, Map<String, String> environment, Map<String, ConnectorConfig> extra) {
        Map<String, ConnectorConfig> configs = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        roster.orchestrator().connectors().forEach((type, raw) -> {
            try {
                Map<String, Object> values = new LinkedHashMap<>();
                raw.forEach((k, v) -> values.put(k, value(v, environment)));
                configs.put(type, new ConnectorConfig(type, values));
            } catch (MosaicException e) {
                errors.put(type, "connectors." + type + ": " + e.getMessage());
            }
        });
        extra.forEach((type, config) -> {
            errors.remove(type);
            configs.put(type, config);
        });
        return new ConnectorConfigs(configs, errors);
    }

    private static Object value(Object v, Map<String, String> environment) {
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            list.forEach(x -> out.add(Secrets.resolve(String.valueOf(x), environment)));
            return out;
        }
        return v == null ? "" : Secrets.resolve(String.valueOf(v), environment);
    }
}
