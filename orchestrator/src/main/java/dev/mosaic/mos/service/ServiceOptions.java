package dev.mosaic.mos.service;

import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.mos.chat.ChatConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * How the service runs.
 *
 * @param chat the chat router's settings (prefix, confirmation time, rate limit)
 * @param backoff retry delays of a connector that failed transiently
 * @param permanentRetry how long a connector that failed permanently waits before the next try
 * @param reloadQuiet how long the roster file must be quiet before a reload
 * @param extraConnectors connectors to run besides the roster's, e.g. the console for {@code --console}
 */
public record ServiceOptions(ChatConfig chat, Backoff backoff, Duration permanentRetry, Duration reloadQuiet,
                             Map<String, ConnectorConfig> extraConnectors) {

    public ServiceOptions {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(permanentRetry, "permanentRetry");
        Objects.requireNonNull(reloadQuiet, "reloadQuiet");
        extraConnectors = Map.copyOf(extraConnectors);
    }

    /** Default chat settings, 1 s to 5 min backoff, FAILED retried every 10 minutes, 200 ms reload quiet time. */
    public static ServiceOptions defaults() {
        return new ServiceOptions(ChatConfig.defaults(), Backoff.defaults(new Random()), Duration.ofMinutes(10),
                Duration.ofMillis(200), Map.of());
    }

    public ServiceOptions withExtraConnector(ConnectorConfig config) {
        Map<String, ConnectorConfig> m = new java.util.LinkedHashMap<>(extraConnectors);
        m.put(config.type(), config);
        return new ServiceOptions(chat, backoff, permanentRetry, reloadQuiet, m);
    }

    public ServiceOptions withBackoff(Backoff b, Duration permanent) {
        return new ServiceOptions(chat, b, permanent, reloadQuiet, extraConnectors);
    }
}
