package dev.mosaic.mos.service;

import org.jspecify.annotations.Nullable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.audit.AuditLog;
import dev.mosaic.fleet.exec.CommandRunner;
import dev.mosaic.fleet.engine.SayCredentials;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.RosterStore;
import dev.mosaic.fleet.ssh.SshHosts;
import dev.mosaic.fleet.ssh.SshSettings;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.fleet.roster.RosterException;
import dev.mosaic.mos.app.Application;
import dev.mosaic.mos.app.AuditTrail;
import dev.mosaic.mos.app.FleetOperations;
import dev.mosaic.mos.chat.ChatRouter;
import dev.mosaic.mos.chat.Downtime;
import dev.mosaic.mos.chat.RefusalAudit;
import dev.mosaic.mos.chat.InboundPipeline;
import dev.mosaic.mos.chat.MessageDeduper;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.engine.internal.FleetFactory;
import dev.mosaic.mos.comms.AgentRooms;
import dev.mosaic.mos.comms.CommsRelay;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Mos service: loads the roster, runs the configured connectors under a
 * {@link ConnectorSupervisor}, queues their messages on a per-conversation serial executor into
 * the {@link ChatRouter} (verbs become operations of the one {@link Application}; free text goes
 * to the orchestrator agent through the {@link FleetBridge}), reloads when the roster file
 * changes, and answers local clients ({@code mos status}, {@code mos say}, {@code fleet agent
 * send}) on its {@link LocalEndpoint}. It is the composition root: it builds the process's single
 * {@link Fleet} and hands every component only what it needs.
 *
 * <pre>{@code
 * try (MosService mos = new MosService(context, ServiceOptions.defaults(), ProviderCatalog.load(cl), runner, List.of())) {
 *     mos.start();
 *     mos.awaitStop();
 * }
 * }</pre>
 *
 * <p>State lives under {@code $MOSAIC_HOME/mos/state/} (message ids acted on, the conversation
 * that last addressed each agent, connector state), so a restart neither repeats a command nor
 * forgets where to answer.
 */
public final class MosService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MosService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SEEN_CAPACITY = 10_000;
    /** How long a stop waits for the commands already taken to finish and be answered. */
    static final Duration DRAIN = Duration.ofSeconds(10);
    /** How often the service records that it is running (the next start's view of its downtime). */
    private static final long MARK_EVERY_NANOS = Duration.ofSeconds(30).toNanos();
    /** The key of the admins' conversation in its tracker. */
    private static final String ADMINS = "admins";

    private final CliContext context;
    private final ServiceOptions options;
    private final ProviderCatalog catalog;
    private final CommandRunner runner;
    private final List<ServiceComponent> components;
    private final Clock clock;
    private final MosaicEnv env;
    private final RosterStore store;
    private final AtomicReference<Roster> roster = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<ServiceComponent> started = new ArrayList<>();
    private final List<InboundInterceptor> interceptors = new CopyOnWriteArrayList<>();

    private final Instant startedAt;
    private final Path runFile;
    private final AuditLog audit;
    private final Fleet fleet;
    private final Application app;
    private final ConversationTracker tracker;
    private final ConversationTracker admins;
    private final InFlightJournal inFlight;
    private final ChatRouter router;
    private final ConversationExecutor conversations = new ConversationExecutor();
    private final ConnectorSupervisor supervisor;
    private final LocalEndpoint endpoint;
    /** One ssh connection per remote host; it also carries the remote agents' bridge to the endpoint. */
    private final SshHosts ssh;
    private final CommsRelay comms;
    private final LastRunning lastRunning;
    private final RefusalAudit refusals;
    private final ServiceTicker ticker;
    private volatile @Nullable String version;
    private volatile @Nullable String rosterError;
    private @Nullable RosterWatcher watcher;
    private @Nullable ApprovalRelay relay;
    private final PendingQuestions questions = new PendingQuestions();
    private boolean serving;
    private volatile boolean closed;
    /** What components see of the service. */
    private final ServiceContext componentContext;

    /**
     * @param context the CLI context of {@code serve} (environment, clock, roster override); chat
     *     verbs run with copies of it
     * @param components started after the core, closed before it (the web UI plugs in here)
     */
    public MosService(CliContext context, ServiceOptions options, ProviderCatalog catalog, CommandRunner runner,
                      List<ServiceComponent> components) {
        this.context = Objects.requireNonNull(context, "context");
        this.options = Objects.requireNonNull(options, "options");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.components = List.copyOf(components);
        this.clock = context.clock();
        this.env = context.env();
        this.store = context.rosterStore();
        // The whole object graph is built here, final; start() only loads the roster and starts it.
        this.startedAt = clock.instant();
        this.runFile = ServiceFile.path(env.home());
        Path state = PrivateFiles.directory(stateDir());
        this.audit = new AuditLog(env.auditLog());
        Supplier<Roster> current = roster::get;
        Map<String, String> pass = FleetFactory.passThrough(context.environment());
        // The one engine of the process, so its typing lease covers every automated send (chat, the
        // orchestrator bridge, the comms relay, 'fleet agent send' through the local endpoint). It
        // reads the roster file as it is now (an operation may just have edited it), and the last
        // valid roster while the file is invalid. Control mode: one persistent tmux connection.
        StampedRoster file = new StampedRoster(store);
        Supplier<Roster> fresh = () -> {
            try {
                return file.get();
            } catch (RosterException invalid) {
                return roster.get();
            }
        };
        this.ssh = new SshHosts(SshSettings.service(env.home(), context.userHome()), runner);
        this.fleet = new Fleet(fresh, store.runtimes()::resolve, env, clock, runner, pass, context.userHome(), true, ssh,
                context.environment());
        this.tracker = new ConversationTracker(state.resolve("conversations.json"));
        // Only the very first start skips history: after a restart, what was sent since the previous
        // run was last seen reaches the router, which handles it by the roster's offlineCommands.
        this.lastRunning = new LastRunning(state.resolve("last-running"), clock);
        Optional<Instant> previousRun = lastRunning.previous().filter(p -> p.isBefore(startedAt));
        Instant historyBefore = previousRun.orElse(startedAt);
        this.supervisor = new ConnectorSupervisor(catalog, this::inbound, clock, historyBefore,
                state.resolve("connectors"), options.backoff(), options.permanentRetry(), this::connectorStateChanged);
        AuditTrail trail = new AuditTrail(audit, clock);
        this.refusals = new RefusalAudit(trail, clock, Duration.ofMinutes(1));
        // before any connector starts, so a message in an agent's room never reaches the router
        // Room messages are words for an agent, not commands: one posted while Mos was down is
        // still delivered after a restart (hence no start-time cut-off), but only once.
        this.comms = new CommsRelay(current, fleet, supervisor::connector, new AgentRooms(state.resolve("agent-rooms.json")),
                new MessageDeduper(state.resolve("seen-room-messages.txt"), SEEN_CAPACITY, Instant.EPOCH),
                options.chat().prefix(), trail, clock,
                // the application is built next (it needs this relay); the gate reads it when a message comes
                InboundPipeline.Gate.of(this::app), refusals);
        interceptors.add(comms);
        this.app = new Application(new FleetOperations(fleet, store, env, comms::post), trail, clock,
                options.chat().confirmTimeout(), options.chat().rateLimit());
        MessageDeduper deduper = new MessageDeduper(state.resolve("seen-messages.txt"), SEEN_CAPACITY, historyBefore);
        this.inFlight = new InFlightJournal(state.resolve("in-flight.json"));
        this.admins = new ConversationTracker(state.resolve("admin-conversation.json"));
        this.router = new ChatRouter(options.chat(), current, app,
                new FleetBridge(current, fleet, tracker, options.chat().prefix(), supervisor::connector, questions),
                deduper, clock, tracker::remember, new ChatRouter.Run(
                        // the very first start had no downtime: what came before it is history (deduper)
                        previousRun.isEmpty() ? Downtime.none(clock)
                                : new Downtime(startedAt, clock, () -> roster.get().orchestrator().offlineCommands()),
                        inFlight, refusals, c -> admins.remember(ADMINS, c)));
        CutOffReplies cutOff = new CutOffReplies(inFlight, supervisor, trail, clock);
        AuditHeadNotice head = new AuditHeadNotice(audit, clock, () -> admins.lastFor(ADMINS)
                .or(() -> tracker.lastFor(roster.get().orchestrator().agent().name())), supervisor);
        long[] marked = {System.nanoTime()};
        this.ticker = new ServiceTicker(Duration.ofMillis(500), List.of(
                new ServiceTicker.Chore("cut-off notices", cutOff::tick),
                new ServiceTicker.Chore("audit chain head", head::tick),
                new ServiceTicker.Chore("refusal counts", refusals::flushExpired),
                new ServiceTicker.Chore("last running", () -> {
                    if (System.nanoTime() - marked[0] >= MARK_EVERY_NANOS) {
                        lastRunning.mark();
                        marked[0] = System.nanoTime();
                    }
                })));
        AgentReplies replies = new AgentReplies(current, tracker, supervisor, trail, comms::replyRoom);
        this.endpoint = new LocalEndpoint(runFile, new EndpointHandler(this::statusJson, replies, app, current),
                startedAt, SayCredentials.of(env.home()));
        this.componentContext = new ComponentContext(context, env, roster::get, fleet, app, supervisor,
                connector -> m -> inbound(m, connector));
    }

    /**
     * Starts everything and returns once connectors are being started and the local endpoint
     * answers.
     *
     * @throws ServiceException when the roster is invalid, another service already runs for this
     *     {@code MOSAIC_HOME}, or a component fails to start
     */
    public synchronized void start() {
        version = ReleaseVersion.running(context.environment());
        refuseSecondInstance(runFile);
        roster.set(store.load());
        catalog.loadErrors().forEach(e -> LOG.error("a connector provider failed to load: {}", e));
        applyConnectors(roster.get());
        endpoint.start();
        ssh.bridge(new RemoteAgentBridge(endpoint, startedAt));
        watcher = new RosterWatcher(store.file(), () -> store.load(), this::rosterChanged, this::rosterInvalid,
                options.reloadQuiet());
        watcher.start();
        relay = new ApprovalRelay(fleet, roster::get, tracker, supervisor, questions);
        relay.start();
        for (ServiceComponent c : components) {
            try {
                c.start(componentContext);
                started.add(c);
            } catch (Exception e) {
                close();
                throw new ServiceException("service component '" + c.name() + "' failed to start: " + e.getMessage(), e);
            }
        }
        serving = true;
        auditService("mos.serve.start", "ok");
        lastRunning.mark();
        ticker.start();
        LOG.info("Mos is serving fleet '{}' from {} ({} connectors)", roster.get().fleet().name(), store.file(),
                supervisor.status().size());
    }

    private void refuseSecondInstance(Path runFile) {
        if (ServiceFile.read(runFile).isEmpty()) {
            return;
        }
        try {
            LocalClient.of(env.home()).status();
        } catch (LocalClient.NotRunningException stale) {
            return; // a crashed service left its file behind; the new one overwrites it
        } catch (MosaicException other) {
            return;
        }
        throw new ServiceException("Mos is already running for " + env.home() + " (see 'mosaic mos status');"
                + " stop it first");
    }

    /** Queues a message on its conversation: the connector's thread returns at once. */
    private CompletableFuture<Void> inbound(InboundMessage m, Connector from) {
        CompletableFuture<Void> f = conversations.submit(m.conversation().key(), () -> dispatch(m, from));
        if (f.isCompletedExceptionally() && closed) {
            LOG.info("Mos is stopping: message {} in {} was not taken", m.messageId(), m.conversation().key());
        }
        return f;
    }

    /** Interceptors first (agent rooms), then the chat router; on the conversation's own thread. */
    private void dispatch(InboundMessage m, Connector from) {
        for (InboundInterceptor i : interceptors) {
            if (i.intercept(m, from)) {
                return;
            }
        }
        router.handle(m, from);
    }

    private void applyConnectors(Roster r) {
        ConnectorConfigs c = ConnectorConfigs.resolve(r, context.environment(), options.extraConnectors());
        c.errors().forEach((type, e) -> LOG.error("connector {} cannot be configured: {}", type, e));
        supervisor.reconcile(comms.watchingAgentRooms(c.configs()), c.errors());
    }

    private void rosterChanged(Roster r) {
        roster.set(r);
        rosterError = null;
        applyConnectors(r);
        comms.refresh();
        auditService("mos.roster.reload", "ok");
    }

    private void rosterInvalid(String message) {
        rosterError = message;
        auditService("mos.roster.reload", "refused: invalid roster kept the previous one");
    }

    private void connectorStateChanged(String type, ConnectorState state) {
        if (state == ConnectorState.CONNECTED) {
            comms.refresh(); // a new connector instance watches only its configured rooms
        }
        if (type.equals("console") && state == ConnectorState.STOPPED && options.extraConnectors().containsKey("console")
                && !closed) {
            // Ctrl-D (end of input) at the console ends an interactive 'serve --console' / 'up'
            stopped.countDown();
        }
    }

    private void auditService(String action, String result) {
        new AuditTrail(audit, clock).record("mos", action, store.file().toString(), result, Map.of());
    }

    /** The status document {@code mosaic mos status} prints ({@code mosaic.mos.status/v1}). */
    public JsonNode statusJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("schema", "mosaic.mos.status/v1");
        n.put("pid", ProcessHandle.current().pid());
        n.put("startedAt", startedAt.toString());
        n.put("roster", store.file().toString());
        n.put("fleet", roster.get().fleet().name());
        n.put("rosterError", rosterError);
        // an upgrade installs a new release beside the running one; status says when a restart is due
        n.put("version", version);
        n.put("installedVersion", ReleaseVersion.installedNow(context.environment()));
        ArrayNode cs = n.putArray("connectors");
        for (ConnectorStatus s : supervisor.status()) {
            ObjectNode c = cs.addObject();
            c.put("type", s.type());
            c.put("state", s.state().name());
            c.put("detail", s.detail());
            c.put("lastError", s.lastError());
            c.put("since", s.since().toString());
            c.put("restarts", s.restarts());
            c.put("nextRetry", s.nextRetry() == null ? null : s.nextRetry().toString());
        }
        ObjectNode cm = n.putObject("comms");
        cm.put("mode", roster.get().fleet().comms().key());
        ObjectNode rooms = cm.putObject("rooms");
        comms.rooms().forEach(rooms::put);
        ArrayNode errs = n.putArray("providerErrors");
        catalog.loadErrors().forEach(errs::add);
        ArrayNode comps = n.putArray("components");
        started.forEach(c -> comps.add(c.name()));
        return n;
    }

    /** Blocks until {@link #close()} runs (SIGTERM) or the console reaches end of input. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Where the service keeps state that must survive a restart: {@code $MOSAIC_HOME/mos/state}. */
    private Path stateDir() {
        return env.home().resolve("mos").resolve("state");
    }

    /** The roster in force (the last valid one). */
    public Roster roster() {
        return roster.get();
    }

    /** The process's one fleet engine. */
    public Fleet fleet() {
        return fleet;
    }

    /** The application layer every door hands its operations to. */
    public Application app() {
        return app;
    }

    public ConnectorSupervisor connectors() {
        return supervisor;
    }

    public MosaicEnv env() {
        return env;
    }

    /** Reads the roster file now (the watcher does this by itself on every change). */
    public void reloadRoster() {
        watcher.reload();
    }

    /**
     * Stops taking messages, lets the commands already taken finish and answer (for at most
     * {@link #DRAIN}; one still running then is cut off and reported after the restart), then
     * stops components, the watcher, connectors and the endpoint (which removes the service file).
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!conversations.drain(DRAIN)) {
            LOG.warn("commands still running after {} s are cut off; their senders are told after the restart",
                    DRAIN.toSeconds());
        }
        ticker.close();
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (RuntimeException e) {
                LOG.warn("component {} did not close cleanly: {}", started.get(i).name(), e.getMessage());
            }
        }
        if (relay != null) {
            relay.close();
        }
        if (watcher != null) {
            watcher.close();
        }
        comms.close();
        supervisor.close();
        endpoint.close();
        conversations.close();
        refusals.flush();
        audit.flush(); // the records of reads still queued (AuditLog.appendSoon)
        inFlight.close(); // a command cut off by the drain stays in it, for the next run to report
        tracker.close();
        admins.close();
        fleet.close();
        ssh.close();
        if (serving) {
            auditService("mos.serve.stop", "ok");
            lastRunning.mark();
        }
        stopped.countDown();
        LOG.info("Mos stopped");
    }
}
