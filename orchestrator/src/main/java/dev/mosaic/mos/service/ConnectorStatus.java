package dev.mosaic.mos.service;

import dev.mosaic.connector.ConnectorState;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@code mosaic mos status} shows for one connector.
 *
 * @param type the connector type, e.g. {@code discord}
 * @param state its health
 * @param detail what it last reported (never a secret)
 * @param lastError the last failure, or {@code null}
 * @param since when the state last changed
 * @param restarts how many times the supervisor re-created it
 * @param nextRetry when the supervisor tries again, or {@code null}
 */
public record ConnectorStatus(String type, ConnectorState state, String detail, String lastError, Instant since,
                              int restarts, Instant nextRetry) {

    public ConnectorStatus {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        detail = detail == null ? "" : detail;
    }
}
