package dev.mosaic.mos.service;

import org.jspecify.annotations.Nullable;
import dev.mosaic.connector.Action;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.harness.Approvals;
import dev.mosaic.fleet.harness.Questions;
import dev.mosaic.fleet.heartbeat.Heartbeat;
import dev.mosaic.fleet.ps.AgentStatus;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.mos.cli.engine.PromptAnswer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells people when an agent needs them: when a harness starts waiting for a permission (or an
 * answer), Mos posts to the conversation that last addressed that agent (else the one that last
 * addressed the orchestrator) who waits, what it wants (redacted) and how to answer — the verbs
 * {@code approve NAME} / {@code deny NAME} and buttons that type them; for a question, its options,
 * and the conversation's next message becomes the answer ({@link PendingQuestions}). Each wait is posted once.
 * Mos never answers on its own. It watches the heartbeat files the harnesses write, every
 * {@link #TICK}, and reads an agent's screen only when it has just started waiting.
 */
public final class ApprovalRelay implements AutoCloseable {

    static final Duration TICK = Duration.ofMillis(100);
    /** Remote hosts are read every 5th tick (0.5 s): well inside the 2 s from a prompt to its post. */
    static final int REMOTE_EVERY = 5;
    private long ticks;
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalRelay.class);

    private final Map<String, String> posted = new ConcurrentHashMap<>();
    /** Per agent, the heartbeat file as it was when last handled (see {@link #tick}). */
    private final Map<String, String> handled = new ConcurrentHashMap<>();
    /** The question last posted per agent, so one still on screen after its answer is not posted again. */
    private final Map<String, String> asked = new ConcurrentHashMap<>();
    private volatile @Nullable Thread thread;
    private volatile boolean running;
    private final Fleet fleet;
    private final java.util.function.Supplier<Roster> roster;
    private final ConversationTracker conversations;
    private final ConnectorSupervisor connectors;
    private final PendingQuestions questions;

    ApprovalRelay(Fleet fleet, java.util.function.Supplier<Roster> roster, ConversationTracker conversations,
                  ConnectorSupervisor connectors, PendingQuestions questions) {
        this.questions = questions;
        this.fleet = fleet;
        this.roster = roster;
        this.conversations = conversations;
        this.connectors = connectors;
    }

    void start() {
        running = true;
        thread = new Thread(this::loop, "mos-approval-relay");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                tick();
            } catch (RuntimeException e) { // one bad tick (a roster mid-edit, a pane gone) must not stop the relay
                LOG.debug("approval relay: {}", e.getMessage());
            }
            try {
                Thread.sleep(TICK.toMillis()); // a poll of small local files; the hook already wrote the state
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void tick() {
        Roster r = roster.get();
        // remote agents too: their hooks write the remote run dir, read in one round trip per host
        // every REMOTE_EVERY ticks (a remote read costs processes there; local files cost nothing)
        boolean readRemote = ticks++ % REMOTE_EVERY == 0
                && r.allAgents().stream().anyMatch(a -> !r.host(a.host()).isLocal());
        Map<String, Heartbeat> remote = readRemote ? fleet.reports(true) : Map.of();
        for (AgentSpec a : r.allAgents()) {
            boolean local = r.host(a.host()).isLocal();
            // a local heartbeat file is replaced (new inode) on every write: unchanged since it was
            // handled means nothing new to relay, and costs a stat instead of a read and a parse —
            // unless a question was answered meanwhile (a form's next question may follow)
            String stamp = local ? stamp(fleet.heartbeats().file(a.name())) : "";
            boolean answered = questions.takeAnswered(a.name());
            if (answered) {
                posted.remove(a.name());
            } else if (local && stamp.equals(handled.get(a.name()))) {
                continue;
            }
            Heartbeat hb = local ? fleet.heartbeats().read(a.name()) : remote.get(a.name());
            if (hb == null) {
                continue; // a remote agent between its host's reads, or its host is unreachable
            }
            String key = hb.waiting() && hb.since() != null ? hb.activity() + "@" + hb.since() : null;
            if (key == null) {
                if (posted.remove(a.name()) != null) {
                    questions.drop(a.name());
                    asked.remove(a.name());
                }
            } else if (!key.equals(posted.get(a.name()))) {
                if (!relay(fleet, r, a)) {
                    continue; // the dialog is not drawn yet: look again next tick
                }
                posted.put(a.name(), key);
            }
            if (local) {
                handled.put(a.name(), stamp);
            }
        }
    }

    /** The file's identity, size and modification time; "-" when it does not exist. */
    private static String stamp(java.nio.file.Path file) {
        try {
            var a = java.nio.file.Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return a.fileKey() + ":" + a.size() + ":" + a.lastModifiedTime();
        } catch (java.io.IOException missing) {
            return "-";
        }
    }

    /** Posts the agent's wait; false when there is nothing to post yet (the dialog is not drawn). */
    private boolean relay(Fleet fleet, Roster r, AgentSpec a) {
        AgentStatus st = fleet.status(a.name());
        if (st.waiting() == null) {
            return false;
        }
        Optional<Conversation> where = conversations.lastFor(a.name())
                .or(() -> conversations.lastFor(r.orchestrator().agent().name()));
        if (where.isEmpty()) {
            LOG.info("{} waits ({}), but no conversation has addressed it or Mos yet", a.name(), st.waiting().summary());
            return true;
        }
        OutboundMessage m;
        if (st.waiting().kind().equals("approval")) {
            Optional<Approvals.Prompt> prompt = fleet.pendingPrompt(a.name());
            if (prompt.isEmpty()) {
                return false;
            }
            String id = PromptAnswer.id(prompt.get());
            m = OutboundMessage.to(where.get(), "⏳ " + a.name() + " wants to run " + prompt.get().summary()
                    + "\nAnswer with: approve " + a.name() + "  or  deny " + a.name())
                    .withActions(List.of(new Action("Approve", "approve " + a.name() + " " + id, Action.Style.PRIMARY),
                            new Action("Deny", "deny " + a.name() + " " + id, Action.Style.DANGER)));
        } else {
            Optional<Questions.Question> q = fleet.pendingQuestion(a.name());
            if (q.isPresent() && q.get().text().equals(asked.get(a.name()))) {
                return false; // the one just answered, still on screen: wait for the next or for the end
            }
            if (q.isPresent()) {
                asked.put(a.name(), q.get().text());
                m = OutboundMessage.to(where.get(), "❓ " + a.name() + " asks: " + q.get().summary()
                        + "\nYour next message here is " + a.name() + "'s answer (an option's number or name, or your"
                        + " own words).");
                questions.asked(where.get(), a.name());
            } else if (isQuestion(fleet.heartbeats().pendingRequest(a.name()))) {
                return false; // the harness asked, but its dialog is not drawn yet
            } else {
                m = OutboundMessage.to(where.get(), "❓ " + a.name() + " waits for an answer:\n" + st.waiting().summary()
                        + "\n(see it with: tail " + a.name() + ")");
            }
        }
        try {
            connectors.send(m);
            LOG.info("relayed {}'s wait to {} at {}", a.name(), where.get().key(), Instant.now());
        } catch (Exception e) {
            LOG.warn("could not relay {}'s wait to {}: {}", a.name(), where.get().key(), e.getMessage());
        }
        return true;
    }

    private static boolean isQuestion(String request) {
        return request != null && request.contains("\"AskUserQuestion\"");
    }

    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
