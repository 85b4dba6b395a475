package dev.mosaic.mos.service;

import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.audit.AuditHead;
import dev.mosaic.fleet.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the head of the audit chain ({@code seq:hash}) to the admins' conversation at start, then
 * every {@link #RECORDS} records and every {@link #PERIOD} (when the log grew), so a copy lives
 * outside the machine: anyone able to rewrite the log here (every agent runs as the same user)
 * cannot rewrite those messages, and {@code mosaic mos audit --verify --head SEQ:HASH} proves
 * the log still holds what was posted.
 *
 * <p>The admins' conversation is where an admin last addressed Mos, else the one that last
 * addressed the orchestrator agent (as the approval relay does); both are remembered across
 * restarts. The post at start goes out once its connector is connected; on a first run, before any
 * admin has spoken, there is no start post and the first one comes after 100 records or an hour.
 */
final class AuditHeadNotice {

    static final int RECORDS = 100;
    static final Duration PERIOD = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(AuditHeadNotice.class);

    private final AuditLog log;
    private final Clock clock;
    private final Supplier<Optional<Conversation>> admins;
    private final ConnectorSupervisor connectors;
    /** The head last posted (or, when there was no start post, the head at start), and when. */
    private AuditHead posted;
    private Instant postedAt;
    /** Whether the start post is still to go out; decided at the first tick. */
    private Boolean startPost;
    private boolean toldNoConversation;

    AuditHeadNotice(AuditLog log, Clock clock, Supplier<Optional<Conversation>> admins, ConnectorSupervisor connectors) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.admins = Objects.requireNonNull(admins, "admins");
        this.connectors = Objects.requireNonNull(connectors, "connectors");
    }

    /** Posts the head when one is due and the admins' conversation can be reached. */
    void tick() {
        Optional<Conversation> where = admins.get();
        if (startPost == null) {
            startPost = where.isPresent();
            if (!startPost) {
                posted = readHead();
                postedAt = clock.instant();
            }
        }
        if (where.isEmpty()) {
            if (!toldNoConversation) {
                toldNoConversation = true;
                LOG.info("the audit chain head is posted to the admins' conversation once an admin addresses Mos");
            }
            return;
        }
        if (connectors.connector(where.get().platform()).isEmpty()) {
            return;
        }
        AuditHead head = readHead();
        if (head == null) {
            return;
        }
        Instant now = clock.instant();
        boolean due = startPost || posted == null || head.seq() - posted.seq() >= RECORDS
                || (head.seq() != posted.seq() && !now.isBefore(postedAt.plus(PERIOD)));
        if (!due) {
            return;
        }
        try {
            connectors.send(OutboundMessage.to(where.get(), text(head)));
        } catch (ConnectorException e) {
            LOG.warn("could not post the audit chain head to {}: {}", where.get().key(), e.getMessage());
            return;
        }
        posted = head;
        postedAt = now;
        startPost = false;
    }

    private AuditHead readHead() {
        try {
            return log.head();
        } catch (MosaicException e) {
            LOG.warn("cannot read the audit chain head: {}", e.getMessage());
            return null;
        }
    }

    static String text(AuditHead head) {
        return "🔏 Audit chain head: `" + head + "` (record " + head.seq() + "). Keep this message: it proves later"
                + " that nobody rewrote Mos's audit log up to here, even someone with full access to the Mos machine."
                + " To check, run there: `mosaic mos audit --verify --head " + head + "`";
    }
}
