package dev.mosaic.mos.service;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's small periodic chores on one thread (posting notices, marking the service as
 * running, writing coalesced audit counts): each runs every {@code period}, and a failure of one
 * chore in one tick — any {@link Throwable} — is logged and costs only that tick.
 */
final class ServiceTicker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceTicker.class);

    /** One chore, with a name for the log. */
    record Chore(String name, Runnable task) {
        Chore {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(task, "task");
        }
    }

    private final Duration period;
    private final List<Chore> chores;
    private volatile boolean running;
    private volatile Thread thread;

    ServiceTicker(Duration period, List<Chore> chores) {
        this.period = Objects.requireNonNull(period, "period");
        this.chores = List.copyOf(chores);
    }

    void start() {
        running = true;
        Thread t = new Thread(this::loop, "mos-ticker");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void loop() {
        while (running) {
            for (Chore c : chores) {
                try {
                    c.task().run();
                } catch (Throwable e) { // NOPMD - one bad tick of one chore must not end the others
                    LOG.warn("service chore '{}' failed: {}", c.name(), e.toString());
                }
            }
            try {
                Thread.sleep(period.toMillis()); // real time: the chores read the injected clock themselves
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
