package dev.mosaic.mos.service;

import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorProvider;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the configured connectors, each isolated from the others: one that fails is retried with
 * exponential backoff and jitter while the rest keep working; one that fails permanently (a
 * rejected token) is parked as FAILED and retried only every {@code permanentRetry} or when the
 * roster changes, so a bad token never becomes a crash loop.
 */
public final class ConnectorSupervisor implements AutoCloseable {

    /** Where inbound messages go, with the connector that received them (replies go back through it). */
    @FunctionalInterface
    public interface Inbound {
        void accept(InboundMessage message, Connector from);
    }

    private final ProviderCatalog catalog;
    private final SupervisedConnector.Shared shared;
    private final Map<String, SupervisedConnector> slots = new LinkedHashMap<>();
    /** Built-in connectors owned by a service component (the web chat): reachable, not supervised. */
    private final Map<String, Connector> attached = new LinkedHashMap<>();

    /**
     * @param stateRoot parent of each connector's private state directory
     * @param permanentRetry how long a FAILED connector waits before it is tried again (e.g. 10 minutes)
     */
    public ConnectorSupervisor(ProviderCatalog catalog, Inbound inbound, Clock clock, Instant startedAt,
                               Path stateRoot, Backoff backoff, Duration permanentRetry) {
        this(catalog, inbound, clock, startedAt, stateRoot, backoff, permanentRetry, (type, state) -> { });
    }

    /** As above, telling {@code onState} each state change (type, new state); it must be quick. */
    public ConnectorSupervisor(ProviderCatalog catalog, Inbound inbound, Clock clock, Instant startedAt,
                               Path stateRoot, Backoff backoff, Duration permanentRetry,
                               java.util.function.BiConsumer<String, dev.mosaic.connector.ConnectorState> onState) {
        this.catalog = catalog;
        AtomicInteger n = new AtomicInteger();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mos-supervisor"));
        ExecutorService workers = Executors.newCachedThreadPool(r -> daemon(r, "mos-connector-" + n.incrementAndGet()));
        this.shared = new SupervisedConnector.Shared(clock, startedAt, stateRoot, backoff, permanentRetry, scheduler,
                workers, inbound, onState);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Makes the running connectors match {@code configs}: new types are started, removed ones
     * closed, changed ones restarted, unchanged ones left alone (FAILED ones are retried).
     *
     * @param configs connector type to its resolved configuration
     * @param configErrors connector type to why its configuration cannot be used (shown as FAILED)
     */
    public synchronized void reconcile(Map<String, ConnectorConfig> configs, Map<String, String> configErrors) {
        Map<String, Object> wanted = new LinkedHashMap<>();
        configs.keySet().forEach(t -> wanted.put(t, t));
        configErrors.keySet().forEach(t -> wanted.put(t, t));
        for (String type : new ArrayList<>(slots.keySet())) {
            if (!wanted.containsKey(type)) {
                slots.remove(type).stop();
            }
        }
        for (String type : wanted.keySet()) {
            ConnectorProvider provider = catalog.get(type).orElse(null);
            ConnectorConfig config = configs.get(type);
            String error = configErrors.get(type);
            SupervisedConnector slot = slots.get(type);
            if (slot != null && slot.sameSetup(provider, config, error)) {
                slot.retryIfFailed();
                continue;
            }
            if (slot != null) {
                slot.stop();
            }
            SupervisedConnector next = new SupervisedConnector(type, provider, config, error, shared);
            slots.put(type, next);
            next.start();
        }
    }

    /** Every connector's state, in configuration order. */
    public synchronized List<ConnectorStatus> status() {
        return slots.values().stream().map(SupervisedConnector::status).toList();
    }

    /** The live connector of {@code platform}, if it is connected. */
    public synchronized Optional<Connector> connector(String platform) {
        SupervisedConnector s = slots.get(platform);
        return s == null ? Optional.ofNullable(attached.get(platform)) : Optional.ofNullable(s.live());
    }

    /**
     * Makes a built-in connector that a service component runs itself (the web UI's chat panel)
     * reachable for replies such as {@code mos say}. It is neither restarted nor closed here.
     */
    public synchronized void attach(String platform, Connector connector) {
        attached.put(platform, connector);
    }

    /** Undoes {@link #attach} when the component stops. */
    public synchronized void detach(String platform, Connector connector) {
        attached.remove(platform, connector);
    }

    /** Posts {@code message} through the connector of its conversation's platform. */
    public void send(OutboundMessage message) throws ConnectorException {
        String platform = message.conversation().platform();
        Connector c = connector(platform).orElseThrow(() -> new ConnectorException("the " + platform
                + " connector is not connected (see 'mosaic mos status')", false));
        c.send(message);
    }

    @Override
    public void close() {
        synchronized (this) {
            slots.values().forEach(SupervisedConnector::stop);
            slots.clear();
        }
        shared.scheduler().shutdownNow();
        shared.workers().shutdownNow();
        try {
            shared.workers().awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
