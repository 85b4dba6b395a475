package dev.mosaic.mos.service;

import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.mos.app.AuditTrail;
import dev.mosaic.mos.chat.Downtime;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restart, tells each person whose command the previous run was still running when it
 * stopped (a crash, a kill, a shutdown past its bound) that it may or may not have completed.
 * A notice goes out as soon as the connector of its platform is connected (checked every tick),
 * and its journal entry is removed once it went out, so it is said once.
 */
final class CutOffReplies {

    private static final Logger LOG = LoggerFactory.getLogger(CutOffReplies.class);

    private final InFlightJournal journal;
    private final ConnectorSupervisor connectors;
    private final AuditTrail audit;
    private final Clock clock;
    private final List<InFlightJournal.Entry> pending;

    CutOffReplies(InFlightJournal journal, ConnectorSupervisor connectors, AuditTrail audit, Clock clock) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.connectors = Objects.requireNonNull(connectors, "connectors");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pending = new CopyOnWriteArrayList<>(journal.leftovers());
    }

    /** Posts the notices whose connector is connected now. */
    void tick() {
        for (InFlightJournal.Entry e : pending) {
            String platform = e.message().conversation().platform();
            if (connectors.connector(platform).isEmpty()) {
                continue;
            }
            try {
                connectors.send(OutboundMessage.replyTo(e.message(), text(e)));
            } catch (ConnectorException ex) {
                LOG.warn("could not tell {} that their command was cut off: {}", e.message().conversation().key(),
                        ex.getMessage());
                continue;
            }
            pending.remove(e);
            journal.reported(e);
            audit.record(e.message().sender().platform() + ":" + e.message().sender().id(), "chat.cut-off",
                    e.what(), "reported after restart", Map.of("messageId", e.message().messageId(),
                            "conversation", e.message().conversation().key()));
        }
    }

    String text(InFlightJournal.Entry e) {
        return "Mos stopped while running your `" + e.what() + "` (sent " + Downtime.when(e.message().sentAt(), clock)
                + "); it may or may not have completed — check with `status`.";
    }
}
