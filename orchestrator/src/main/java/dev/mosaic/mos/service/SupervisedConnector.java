package dev.mosaic.mos.service;

import org.jspecify.annotations.Nullable;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorProvider;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.connector.InboundMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connector under supervision: created and started on a worker thread, re-created after a
 * failure with backoff, parked in {@link ConnectorState#FAILED} (retried rarely) when the failure
 * is permanent. A generation number makes callbacks of a replaced instance harmless.
 */
final class SupervisedConnector {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisedConnector.class);

    /** What the supervisor shares with every slot. */
    record Shared(Clock clock, Instant startedAt, Path stateRoot, Backoff backoff, Duration permanentRetry,
                  ScheduledExecutorService scheduler, ExecutorService workers,
                  ConnectorSupervisor.Inbound inbound, java.util.function.BiConsumer<String, ConnectorState> onState) {
    }

    private final String type;
    private final ConnectorProvider provider;
    private final ConnectorConfig config;
    private final String configError;
    private final Shared shared;

    private long generation;
    private @Nullable Connector connector;
    private ConnectorState state = ConnectorState.NEW;
    private String detail = "";
    private @Nullable String lastError;
    private @Nullable Instant since;
    private int restarts;
    private int failures;
    private @Nullable Instant nextRetry;
    private ScheduledFuture<?> retry;

    /**
     * @param provider the provider, or {@code null} when none is on the classpath
     * @param configError why the configuration is unusable (an unresolvable secret), or {@code null}
     */
    SupervisedConnector(String type, ConnectorProvider provider, ConnectorConfig config, String configError,
                        Shared shared) {
        this.type = type;
        this.provider = provider;
        this.config = config;
        this.configError = configError;
        this.shared = shared;
        this.since = shared.clock().instant();
    }

    String type() {
        return type;
    }

    /** Whether this slot runs exactly {@code other}'s configuration (so a reload can keep it). */
    boolean sameSetup(ConnectorProvider otherProvider, ConnectorConfig otherConfig, String otherError) {
        return provider == otherProvider && java.util.Objects.equals(config, otherConfig)
                && java.util.Objects.equals(configError, otherError);
    }

    synchronized void start() {
        if (provider == null) {
            fail(generation, "no connector provider for type '" + type + "' is on the classpath", true);
            return;
        }
        if (configError != null) {
            fail(generation, configError, true);
            return;
        }
        scheduleAttempt(generation, Duration.ZERO);
    }

    /** A FAILED connector is tried again now (the roster changed, so the cause may be fixed). */
    synchronized void retryIfFailed() {
        if (state == ConnectorState.FAILED && provider != null && configError == null) {
            cancelRetry();
            scheduleAttempt(generation, Duration.ZERO);
        }
    }

    synchronized void stop() {
        generation++;
        cancelRetry();
        closeConnector();
        set(ConnectorState.STOPPED, "stopped by the service");
    }

    synchronized ConnectorStatus status() {
        return new ConnectorStatus(type, state, detail, lastError, since, restarts, nextRetry);
    }

    /** The running connector, when it is connected (or degraded but alive). */
    synchronized Connector live() {
        return connector != null && (state == ConnectorState.CONNECTED || state == ConnectorState.DEGRADED)
                ? connector : null;
    }

    private void scheduleAttempt(long gen, Duration delay) {
        cancelRetry();
        nextRetry = delay.isZero() ? null : shared.clock().instant().plus(delay);
        try {
            retry = shared.scheduler().schedule(() -> {
                try {
                    shared.workers().execute(() -> attempt(gen));
                } catch (RejectedExecutionException shuttingDown) {
                    // the service is closing
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // the service is closing
        }
    }

    private void attempt(long gen) {
        Connector c;
        synchronized (this) {
            if (gen != generation) {
                return;
            }
            nextRetry = null;
            closeConnector();
            if (state != ConnectorState.NEW) {
                restarts++;
            }
            set(ConnectorState.CONNECTING, "connecting");
        }
        try {
            c = provider.create(config, new Context(gen));
            synchronized (this) {
                if (gen != generation) {
                    c.close();
                    return;
                }
                connector = c;
            }
            c.start(m -> deliver(c, m));
        } catch (ConnectorException e) {
            fail(gen, e.getMessage(), e.permanent());
            return;
        } catch (RuntimeException | Error e) { // NOPMD - any one attempt may fail; the supervisor must not
            // a connector bug must not take the service down; treat it like a transient failure
            LOG.warn("connector {} crashed while starting", type, e);
            fail(gen, e.getClass().getSimpleName() + ": " + e.getMessage(), false);
            return;
        }
        synchronized (this) {
            if (gen != generation) {
                return;
            }
            failures = 0;
            if (state == ConnectorState.CONNECTING) {
                set(ConnectorState.CONNECTED, "connected");
            }
        }
    }

    private void deliver(Connector from, InboundMessage message) {
        try {
            shared.inbound().accept(message, from);
        } catch (RuntimeException | Error e) { // NOPMD - one message must not end the connector's thread
            LOG.error("handling a message from {} failed", type, e);
        }
    }

    private synchronized void fail(long gen, String message, boolean permanent) {
        if (gen != generation) {
            return;
        }
        if (permanent && state == ConnectorState.FAILED && message.equals(lastError)) {
            // A connector may report FAILED through its context and then throw the same error from
            // start() (Discord on a rejected token): one failure, so one log line and one retry.
            return;
        }
        closeConnector();
        lastError = message;
        Duration wait = permanent ? shared.permanentRetry() : shared.backoff().delay(failures++);
        set(permanent ? ConnectorState.FAILED : ConnectorState.DEGRADED, message);
        LOG.warn("connector {} {}: {} (next try in {} s)", type, permanent ? "failed" : "lost", message,
                wait.toSeconds());
        if (provider != null && configError == null) {
            scheduleAttempt(gen, wait);
        }
    }

    private synchronized void reported(long gen, ConnectorState s, String d) {
        if (gen != generation) {
            return;
        }
        if (s == ConnectorState.FAILED) {
            fail(gen, d, true);
            return;
        }
        if (s == ConnectorState.DEGRADED) {
            lastError = d;
        }
        set(s, d);
    }

    private void set(ConnectorState s, String d) {
        if (s != state) {
            since = shared.clock().instant();
            LOG.info("connector {} is {}{}", type, s.name().toLowerCase(java.util.Locale.ROOT),
                    d == null || d.isBlank() ? "" : ": " + d);
            shared.onState().accept(type, s);
        }
        state = s;
        detail = d == null ? "" : d;
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        nextRetry = null;
    }

    private void closeConnector() {
        if (connector != null) {
            Connector c = connector;
            connector = null;
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.debug("closing connector {} failed: {}", type, e.getMessage());
            }
        }
    }

    /** The context one connector instance sees; its reports count only while it is current. */
    private final class Context implements ConnectorContext {
        private final long gen;

        Context(long gen) {
            this.gen = gen;
        }

        @Override
        public Clock clock() {
            return shared.clock();
        }

        @Override
        public Instant startedAt() {
            return shared.startedAt();
        }

        @Override
        public Path stateDir() {
            return PrivateFiles.directory(shared.stateRoot().resolve(type));
        }

        @Override
        public void reportState(ConnectorState s, String d) {
            reported(gen, s, d);
        }

        /** The command menu, derived from the one verb table. */
        @Override
        public java.util.List<dev.mosaic.connector.CommandSpec> commands() {
            return dev.mosaic.mos.app.Verb.commandSpecs();
        }
    }
}
