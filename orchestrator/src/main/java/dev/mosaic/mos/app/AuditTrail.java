package dev.mosaic.mos.app;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.audit.AuditLog;
import dev.mosaic.fleet.audit.AuditRecord;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way Mos writes its audit log, with one policy: an operation that changes the fleet is
 * recorded after it ran (ok or failed), on disk before the door answers; a destructive one first
 * checks that the record can be written and is refused before it acts when it cannot
 * ({@link #requireWritable}). A record that fails to be written after the fact is logged as an
 * error: the action already happened. What only read is recorded without waiting for the disk
 * ({@link #recordSoon}).
 */
public final class AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditLog log;
    private final Clock clock;

    public AuditTrail(AuditLog log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Appends a record; a failure is logged, not thrown (what it records has happened). */
    public void record(String actor, String action, String target, String result, Map<String, Object> details) {
        try {
            log.append(new AuditRecord(clock.instant(), actor, action, target, result, details));
        } catch (MosaicException e) {
            LOG.error("could not audit {} on {} by {}: {}", action, target, actor, e.getMessage());
        }
    }

    /**
     * Queues a record of something that only read (a chat {@code ps}, {@code whoami}): written
     * within milliseconds, in order, sharing one fsync with whatever else is queued, but not waited
     * for, so a read answers without waiting for the disk. See {@link AuditLog#appendSoon}.
     */
    public void recordSoon(String actor, String action, String target, String result, Map<String, Object> details) {
        log.appendSoon(new AuditRecord(clock.instant(), actor, action, target, result, details));
    }

    /**
     * Refuses (kind unavailable) when the log cannot be written now, so a destructive operation
     * never runs unrecorded. The message says why, for the person's reply.
     */
    public void requireWritable(Operation op) {
        try {
            log.requireWritable();
        } catch (MosaicException e) {
            LOG.error("refusing {}: {}", op.display(), e.getMessage());
            throw new AppException(MosaicException.Kind.UNAVAILABLE, "`" + op.display() + "` was refused because its"
                    + " audit record cannot be written: " + e.getMessage() + ". Nothing was done; fix the audit log"
                    + " first.");
        }
    }

    public AuditLog log() {
        return log;
    }
}
