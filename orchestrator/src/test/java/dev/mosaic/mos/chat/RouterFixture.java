package dev.mosaic.mos.chat;

import dev.mosaic.mos.app.Actor;
import dev.mosaic.mos.app.Application;
import dev.mosaic.mos.app.AuditTrail;
import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.app.OperationRunner;
import dev.mosaic.mos.app.Outcome;
import dev.mosaic.mos.testing.MutableClock;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.testkit.LoopbackConnector;
import dev.mosaic.connector.testkit.TestConnectorContext;
import dev.mosaic.fleet.audit.AuditLog;
import dev.mosaic.fleet.audit.AuditRecord;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.Comms;
import dev.mosaic.fleet.roster.FleetInfo;
import dev.mosaic.fleet.roster.OrchestratorSpec;
import dev.mosaic.fleet.roster.Principal;
import dev.mosaic.fleet.roster.Role;
import dev.mosaic.fleet.roster.Roster;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A router wired to a loopback chat platform, an in-memory roster, a recording verb executor and
 * a recording orchestrator bridge. The people: owner (admin, id 100), admin2 (admin, 101),
 * ops (operator, 200), watcher (viewer, 300) and ci-bot (a listed bot, 900).
 */
final class RouterFixture implements AutoCloseable {

    record Call(Operation command, String actor) {
    }

    /** Runs nothing: records each operation the application hands it and answers with {@link #behaviour}. */
    static final class RecordingExecutor implements OperationRunner {
        final List<Call> calls = new CopyOnWriteArrayList<>();
        volatile Function<Operation, Outcome> behaviour = op -> new Outcome.Tail(op.target(), "ran " + op.display() + "\n");

        @Override
        public Outcome run(Actor who, Operation op) {
            calls.add(new Call(op, who.id()));
            return behaviour.apply(op);
        }
    }

    record Forwarded(InboundMessage message, Principal who) {
    }

    static final class RecordingBridge implements OrchestratorBridge {
        final List<Forwarded> forwarded = new CopyOnWriteArrayList<>();

        @Override
        public void forward(InboundMessage message, Principal who) {
            forwarded.add(new Forwarded(message, who));
        }
    }

    static final Instant START = Instant.parse("2026-11-26T20:00:00Z");
    private static final Pattern CODE = Pattern.compile("`confirm (\\d{4})`");

    final MutableClock clock = new MutableClock(START);
    final AtomicReference<Roster> roster = new AtomicReference<>(roster());
    final RecordingExecutor executor = new RecordingExecutor();
    final RecordingBridge bridge = new RecordingBridge();
    /** Which conversation last addressed each agent, as the router reported it. */
    final Map<String, dev.mosaic.connector.Conversation> addressed = new java.util.concurrent.ConcurrentHashMap<>();
    final AuditLog audit;
    final Path seenFile;
    final ChatRouter router;
    final LoopbackConnector chat;

    RouterFixture(Path dir, ChatConfig config) throws Exception {
        audit = new AuditLog(dir.resolve("audit").resolve("audit.jsonl"));
        seenFile = dir.resolve("state").resolve("seen-messages.txt");
        router = newRouter(config);
        chat = new LoopbackConnector(new TestConnectorContext(clock, START, dir.resolve("loopback")));
        chat.start(m -> router.handle(m, chat));
    }

    /** A second router over the same state files, as after a service restart. */
    ChatRouter newRouter(ChatConfig config) {
        Application app = new Application(executor, new AuditTrail(audit, clock), clock, config.confirmTimeout(),
                config.rateLimit());
        return new ChatRouter(config, roster::get, app, bridge, new MessageDeduper(seenFile, 10_000, START), clock,
                addressed::put);
    }

    static Roster roster() {
        Map<String, Principal> principals = Map.of(
                "owner", new Principal("owner", Role.ADMIN, Map.of("loopback", "100", "discord", "123456789012345678")),
                "admin2", new Principal("admin2", Role.ADMIN, Map.of("loopback", "101")),
                "ops", new Principal("ops", Role.OPERATOR, Map.of("loopback", "200")),
                "watcher", new Principal("watcher", Role.VIEWER, Map.of("loopback", "300")),
                "ci-bot", new Principal("ci-bot", Role.OPERATOR, Map.of("loopback", "900")));
        AgentSpec mos = new AgentSpec("mos", AgentSpec.ORCHESTRATOR_ROLE, "claude", null, null, null, null);
        List<AgentSpec> agents = List.of(new AgentSpec("coder-1", "coder", "codex", null, null, null, null),
                new AgentSpec("coder-2", "coder", "claude", null, null, null, null));
        return new Roster(null, 1, new FleetInfo("mosaic", "coding", Comms.TMUX), Map.of(),
                new OrchestratorSpec(mos, Map.of()), principals, agents, Map.of());
    }

    /** {@code userId} writes {@code text} to Mos in a direct message; returns Mos's reply. */
    String dm(String userId, String text) {
        chat.say(chat.user(userId), chat.dm("dm-" + userId), text);
        return chat.awaitReply().text();
    }

    /** {@code userId} writes {@code text} in channel {@code channel}; returns Mos's reply. */
    String inChannel(String userId, String channel, String text) {
        chat.say(chat.user(userId), chat.channel(channel), text);
        return chat.awaitReply().text();
    }

    static String code(String reply) {
        Matcher m = CODE.matcher(reply);
        if (!m.find()) {
            throw new AssertionError("no confirmation code in: " + reply);
        }
        return m.group(1);
    }

    List<AuditRecord> auditRecords() {
        return audit.read().stream().map(AuditLog.AuditEntry::record).toList();
    }

    AuditRecord lastAudit() {
        List<AuditRecord> all = auditRecords();
        return all.get(all.size() - 1);
    }

    @Override
    public void close() {
        chat.close();
        audit.flush(); // the records of reads are written in the background: done before the directory goes
    }
}
