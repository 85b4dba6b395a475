package dev.mosaic.fleet.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group commit behind {@link AuditLog#append} and {@link AuditLog#appendSoon}: records queue
 * here, and whichever caller gets the log's lock first writes everything queued as one append,
 * one fsync and one head update, chained onto the head. Records that need not be on disk before
 * their caller goes on are written by a background committer shared by every log of the JVM.
 */
final class GroupCommit {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    /** Writes the records queued by {@link #appendSoon}, for every log of this JVM. */
    private static final ExecutorService COMMITTER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mosaic-audit-commit");
        t.setDaemon(true);
        return t;
    });

    private final AuditLog log;
    private final Path file;
    private final Path head;
    /** Records waiting for a group commit (see {@link #append}), oldest first. */
    private final List<Pending> pending = new ArrayList<>();
    /** Whether the committer has a flush of {@link #pending} to run; guarded by {@code pending}. */
    private boolean flushScheduled;

    /** Commits for {@code log}, whose locks (and crash repair) every batch is written under. */
    GroupCommit(AuditLog log, Path file, Path head) {
        this.log = log;
        this.file = file;
        this.head = head;
    }

    /** Queues {@code record} and returns once it is on disk; throws when it could not be written. */
    void append(AuditRecord record) {
        Pending mine = enqueue(record, false);
        commit(mine);
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** Queues {@code record} for the background committer and returns at once. */
    void appendSoon(AuditRecord record) {
        enqueue(record, true);
        boolean schedule;
        synchronized (pending) {
            schedule = !flushScheduled;
            flushScheduled = true;
        }
        if (schedule) {
            COMMITTER.execute(() -> {
                synchronized (pending) {
                    flushScheduled = false;
                }
                flush();
            });
        }
    }

    /** Writes every queued record now. */
    void flush() {
        commit(null);
    }

    private Pending enqueue(AuditRecord record, boolean soon) {
        Pending p = new Pending(record, soon);
        synchronized (pending) {
            pending.add(p);
        }
        return p;
    }

    /**
     * Group commit: the first caller to get the lock writes everything queued; a caller whose
     * record ({@code mine}) was written meanwhile by another only waits for that.
     */
    private void commit(Pending mine) { // mine: null to write what is queued
        ReentrantLock jvmLock = log.jvmLock();
        jvmLock.lock();
        try {
            if (mine != null && mine.settled) {
                return;
            }
            List<Pending> batch;
            synchronized (pending) {
                batch = new ArrayList<>(pending);
                pending.clear();
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                log.locked(() -> {
                    write(batch);
                    return null;
                }, "append to");
                batch.forEach(p -> p.settled = true);
            } catch (RuntimeException e) {
                for (Pending p : batch) {
                    p.failure = e;
                    p.settled = true;
                    if (p.soon) {
                        LOG.error("could not write the audit record {} on {} by {}: {}", p.record.action(),
                                p.record.target(), p.record.actor(), e.getMessage());
                    }
                }
            }
        } finally {
            jvmLock.unlock();
        }
    }

    /** A record waiting for the next group commit; fields guarded by the JVM lock. */
    private static final class Pending {
        final AuditRecord record;
        final boolean soon;
        boolean settled;
        RuntimeException failure; // null: written

        Pending(AuditRecord record, boolean soon) {
            this.record = record;
            this.soon = soon;
        }
    }

    /** Writes {@code batch} chained onto the head: one append, one fsync, one head update. */
    private void write(List<Pending> batch) throws IOException {
        String[] last = AuditFiles.readHead(head);
        long seq = Long.parseLong(last[0]);
        String prev = last[1];
        StringBuilder lines = new StringBuilder();
        for (Pending p : batch) {
            AuditRecord record = p.record;
            seq++;
            ObjectNode line = JSON.createObjectNode();
            line.put("seq", seq);
            line.put("time", record.time().toString());
            line.put("actor", record.actor());
            line.put("action", record.action());
            line.put("target", record.target());
            line.put("result", record.result());
            if (!record.details().isEmpty()) {
                line.set("details", JSON.valueToTree(record.details()));
            }
            line.put("prev", prev);
            String text = JSON.writeValueAsString(line);
            if (lines.length() > 0) {
                lines.append('\n');
            }
            lines.append(text);
            prev = AuditLog.sha256(text);
        }
        AuditFiles.appendLine(file, lines.toString());
        AuditFiles.writeHead(head, new AuditHead(seq, prev));
    }
}
