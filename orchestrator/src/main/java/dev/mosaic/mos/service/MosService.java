package dev.mosaic.mos.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.audit.AuditLog;
import dev.mosaic.fleet.audit.AuditRecord;
import dev.mosaic.fleet.exec.CommandRunner;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.RosterStore;
import dev.mosaic.fleet.ssh.SshHosts;
import dev.mosaic.fleet.ssh.SshSettings;
import dev.mosaic.mos.chat.ChatRouter;
import dev.mosaic.mos.chat.CliVerbExecutor;
import dev.mosaic.mos.chat.MessageDeduper;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.comms.AgentRooms;
import dev.mosaic.mos.comms.CommsRelay;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Mos service: loads the roster, runs the configured connectors under a
 * {@link ConnectorSupervisor}, routes their messages through the {@link ChatRouter} (verbs run
 * through the same picocli classes as the CLI; free text goes to the orchestrator agent through
 * the {@link FleetBridge}), reloads when the roster file changes, and answers local clients
 * ({@code mos status}, {@code mos say}) on its {@link LocalEndpoint}.
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

    private Instant startedAt;
    private String version;
    private volatile String rosterError;
    private AuditLog audit;
    private Fleet fleet;
    private Fleet verbFleet;
    private ConversationTracker tracker;
    private ChatRouter router;
    private TrackingVerbExecutor executor;
    private ConnectorSupervisor supervisor;
    private LocalEndpoint endpoint;
    private SshHosts ssh;
    private RosterWatcher watcher;
    private CommsRelay comms;
    private boolean closed;

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
    }

    /**
     * Starts everything and returns once connectors are being started and the local endpoint
     * answers.
     *
     * @throws ServiceException when the roster is invalid, another service already runs for this
     *     {@code MOSAIC_HOME}, or a component fails to start
     */
    public synchronized void start() {
        startedAt = clock.instant();
        version = ReleaseVersion.running(context.environment());
        Path runFile = ServiceFile.path(env.home());
        refuseSecondInstance(runFile);
        roster.set(store.load());
        Path state = PrivateFiles.directory(stateDir());
        audit = new AuditLog(env.auditLog());
        Supplier<Roster> current = roster::get;
        Map<String, String> pass = context.environment().containsKey("MOSAIC_LAUNCHER")
                ? Map.of("MOSAIC_LAUNCHER", context.environment().get("MOSAIC_LAUNCHER")) : Map.of();
        // control mode: one persistent tmux connection pays off in the long-lived service
        // one ssh connection per remote host for both engines; it carries the remote agents' bridge
        ssh = new SshHosts(SshSettings.service(env.home(), context.userHome()), runner);
        fleet = new Fleet(current, store.runtimes()::resolve, env, clock, runner, pass, context.userHome(), true, ssh);
        // chat verbs share one engine too, reading the roster file as it is now (a verb may just have edited it)
        verbFleet = new Fleet(new StampedRoster(store), store.runtimes()::resolve, env, clock, runner, pass,
                context.userHome(), true, ssh);
        tracker = new ConversationTracker(state.resolve("conversations.json"));
        executor = new TrackingVerbExecutor(new CliVerbExecutor(context.withSharedFleet(verbFleet)), tracker);
        supervisor = new ConnectorSupervisor(catalog, (m, from) -> executor.handling(m, () -> inbound(m, from)),
                clock, startedAt, state.resolve("connectors"), options.backoff(), options.permanentRetry(),
                this::connectorStateChanged);
        MessageDeduper deduper = new MessageDeduper(state.resolve("seen-messages.txt"), SEEN_CAPACITY, startedAt);
        router = new ChatRouter(options.chat(), current, executor,
                new FleetBridge(current, fleet, tracker, options.chat().prefix(), supervisor::connector),
                deduper, audit, clock);
        // before any connector starts, so a message in an agent's room never reaches the router
        // Room messages are words for an agent, not commands: one posted while Mos was down is
        // still delivered after a restart (hence no start-time cut-off), but only once.
        comms = new CommsRelay(current, fleet, supervisor::connector, new AgentRooms(state.resolve("agent-rooms.json")),
                new MessageDeduper(state.resolve("seen-room-messages.txt"), SEEN_CAPACITY, Instant.EPOCH),
                options.chat().prefix(), audit, clock);
        interceptors.add(comms);
        AgentReplies replies = new AgentReplies(current, tracker, supervisor, audit, clock, comms::replyRoom);
        endpoint = new LocalEndpoint(runFile, new LocalEndpoint.Handler() {
            @Override
            public JsonNode status() {
                return statusJson();
            }

            @Override
            public String say(String agent, String to, String text) {
                return replies.say(agent, to, text);
            }

            @Override
            public String send(String agent, String from, String text) {
                return comms.post(agent, from, text);
            }

            @Override
            public String hostOf(String agent) {
                return RemoteAgentBridge.hostOf(current, agent);
            }
        }, startedAt);
        catalog.loadErrors().forEach(e -> LOG.error("a connector provider failed to load: {}", e));
        applyConnectors(roster.get());
        endpoint.start();
        ssh.bridge(new RemoteAgentBridge(endpoint, startedAt));
        watcher = new RosterWatcher(store.file(), () -> store.load(), this::rosterChanged, this::rosterInvalid,
                options.reloadQuiet());
        watcher.start();
        for (ServiceComponent c : components) {
            try {
                c.start(this);
                started.add(c);
            } catch (Exception e) {
                close();
                throw new ServiceException("service component '" + c.name() + "' failed to start: " + e.getMessage(), e);
            }
        }
        auditService("mos.serve.start", "ok");
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

    /** Interceptors first (agent rooms), then the chat router. */
    private void inbound(dev.mosaic.connector.InboundMessage m, dev.mosaic.connector.Connector from) {
        for (InboundInterceptor i : interceptors) {
            if (i.intercept(m, from)) {
                return;
            }
        }
        router.handle(m, from);
    }

    /**
     * Connects a built-in connector run by a component (the web chat panel) to the service: its
     * messages take the same path as every supervised connector's (conversation tracking,
     * interceptors, the chat router), and replies to its conversations — including an agent's
     * {@code mos say} — reach it. Call {@link #detachConnector} when the component stops.
     */
    public void attachConnector(String platform, dev.mosaic.connector.Connector connector)
            throws dev.mosaic.connector.ConnectorException {
        supervisor.attach(platform, connector);
        connector.start(m -> executor.handling(m, () -> inbound(m, connector)));
    }

    public void detachConnector(String platform, dev.mosaic.connector.Connector connector) {
        supervisor.detach(platform, connector);
    }

    /**
     * The environment variables the service was started with (read once at the process edge), for
     * components' settings such as {@code MOSAIC_WEB_PORT}.
     */
    public Map<String, String> environment() {
        return context.environment();
    }

    /**
     * True when a person sits at the service's terminal ({@code up}, {@code serve} in a shell); false
     * under systemd, whose output goes to the journal, where credentials such as a login URL must not.
     */
    public boolean attended() {
        return context.interactive();
    }

    /** Where components print what a person at the service's terminal should see (a login URL). */
    public java.io.PrintWriter console() {
        return context.err();
    }

    /**
     * Adds a hook that sees inbound messages before the chat router (see {@link InboundInterceptor}).
     * Components call it from {@link ServiceComponent#start}; messages that arrive earlier are not offered.
     */
    public void addInboundInterceptor(InboundInterceptor interceptor) {
        interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
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
        if (state == ConnectorState.CONNECTED && comms != null) {
            comms.refresh(); // a new connector instance watches only its configured rooms
        }
        if (type.equals("console") && state == ConnectorState.STOPPED && options.extraConnectors().containsKey("console")
                && !closed) {
            // Ctrl-D (end of input) at the console ends an interactive 'serve --console' / 'up'
            stopped.countDown();
        }
    }

    private void auditService(String action, String result) {
        try {
            audit.append(new AuditRecord(clock.instant(), "mos", action, store.file().toString(), result, Map.of()));
        } catch (MosaicException e) {
            LOG.error("could not audit {}: {}", action, e.getMessage());
        }
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
    public Path stateDir() {
        return env.home().resolve("mos").resolve("state");
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** The roster in force (the last valid one). */
    public Roster roster() {
        return roster.get();
    }

    public ChatRouter router() {
        return router;
    }

    public Fleet fleet() {
        return fleet;
    }

    public ConnectorSupervisor connectors() {
        return supervisor;
    }

    /** Comms mode matrix: agent rooms and delivery into panes. */
    public CommsRelay comms() {
        return comms;
    }

    public ConversationTracker conversations() {
        return tracker;
    }

    public MosaicEnv env() {
        return env;
    }

    /** The port of the local endpoint on 127.0.0.1. */
    public int localPort() {
        return endpoint.port();
    }

    /** Reads the roster file now (the watcher does this by itself on every change). */
    public void reloadRoster() {
        watcher.reload();
    }

    /** Stops components, the watcher, connectors and the endpoint (which removes the service file). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (RuntimeException e) {
                LOG.warn("component {} did not close cleanly: {}", started.get(i).name(), e.getMessage());
            }
        }
        if (watcher != null) {
            watcher.close();
        }
        if (comms != null) {
            comms.close();
        }
        if (supervisor != null) {
            supervisor.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
        if (fleet != null) {
            fleet.close();
        }
        if (verbFleet != null) {
            verbFleet.close();
        }
        if (ssh != null) {
            ssh.close();
        }
        if (audit != null) {
            auditService("mos.serve.stop", "ok");
        }
        stopped.countDown();
        LOG.info("Mos stopped");
    }
}
