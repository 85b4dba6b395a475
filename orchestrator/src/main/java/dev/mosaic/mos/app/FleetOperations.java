package dev.mosaic.mos.app;

import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.ps.StartReport;
import dev.mosaic.fleet.ps.StopReport;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.Comms;
import dev.mosaic.fleet.roster.Names;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.RosterException;
import dev.mosaic.fleet.roster.RosterStore;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What each operation does, against one {@link Fleet} and the roster file: the only place a verb
 * touches fleet-core. Authorization, confirmation and audit happened before, in {@link Application}.
 */
public final class FleetOperations implements OperationRunner {

    /**
     * Comms mode matrix: posts a message for an agent into its room and delivers it from there.
     * The service's is its comms relay; the CLI's asks the running service.
     */
    @FunctionalInterface
    public interface RoomRelay {
        /** @return the room's conversation key */
        String post(String agent, String from, String text);
    }

    private final Fleet fleet;
    private final RosterStore store;
    private final MosaicEnv env;
    private final RoomRelay rooms;
    private final Consumer<String> startProgress;
    private final Consumer<String> updateProgress;
    private final RecentPs recentPs;

    /** As below, with no start progress reports. */
    public FleetOperations(Fleet fleet, RosterStore store, MosaicEnv env, RoomRelay rooms) {
        this(fleet, store, env, rooms, progress -> { });
    }

    /**
     * @param fleet the process's one fleet engine (so the typing lease covers every automated send)
     * @param store the roster file, for edits (add, remove, comms)
     * @param startProgress told {@code "started/total"} while a fleet start runs (a terminal's progress line)
     */
    public FleetOperations(Fleet fleet, RosterStore store, MosaicEnv env, RoomRelay rooms,
                           Consumer<String> startProgress) {
        this(fleet, store, env, rooms, startProgress, line -> { });
    }

    /** @param updateProgress told each progress line of a running update ({@code pi-1: ready on 0.73.1}) */
    public FleetOperations(Fleet fleet, RosterStore store, MosaicEnv env, RoomRelay rooms,
                           Consumer<String> startProgress, Consumer<String> updateProgress) {
        this.updateProgress = Objects.requireNonNull(updateProgress, "updateProgress");
        this.startProgress = Objects.requireNonNull(startProgress, "startProgress");
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.store = Objects.requireNonNull(store, "store");
        this.env = Objects.requireNonNull(env, "env");
        this.rooms = Objects.requireNonNull(rooms, "rooms");
        this.recentPs = new RecentPs(fleet::ps, System::nanoTime, RecentPs.MAX_AGE, r -> {
            Thread t = new Thread(r, "ps ahead of time");
            t.setDaemon(true);
            t.start();
        });
    }

    @Override
    public Outcome run(Actor who, Operation op) {
        if (op instanceof Operation.Ps) {
            return new Outcome.Fleet(recentPs.get());
        }
        try {
            return act(who, op);
        } finally {
            recentPs.forget(); // whatever it changed shows in the next ps
        }
    }

    private Outcome act(Actor who, Operation op) {
        String socket = env.tmuxSocket();
        if (op instanceof Operation.Status s) {
            return new Outcome.Agent(fleet.status(s.agent()));
        } else if (op instanceof Operation.Start s) {
            return new Outcome.Started(fleet.start(s.agents(), startProgress), socket);
        } else if (op instanceof Operation.StartAgent s) {
            return new Outcome.Started(fleet.start(List.of(s.agent())), socket);
        } else if (op instanceof Operation.Stop s) {
            return new Outcome.Stopped(fleet.stop(s.agents()), socket);
        } else if (op instanceof Operation.StopAgent s) {
            return new Outcome.Stopped(fleet.stop(List.of(s.agent())), socket);
        } else if (op instanceof Operation.RestartAgent r) {
            fleet.restart(r.agent());
            return new Outcome.Restarted(r.agent());
        } else if (op instanceof Operation.RestartAll) {
            StopReport stopped = fleet.stop(List.of());
            StartReport started = fleet.start(List.of());
            return new Outcome.RestartedAll(stopped, started, socket);
        } else if (op instanceof Operation.Send s) {
            return send(who, s);
        } else if (op instanceof Operation.Answer a) {
            return answer(a);
        } else if (op instanceof Operation.Tail t) {
            return new Outcome.Tail(t.agent(), fleet.capture(t.agent(), t.lines(), false));
        } else if (op instanceof Operation.Add a) {
            return add(a);
        } else if (op instanceof Operation.Remove r) {
            return remove(r);
        } else if (op instanceof Operation.SetComms c) {
            return comms(c);
        } else if (op instanceof Operation.Type t) {
            fleet.type(t.agent(), t.text(), t.keys());
            return new Outcome.Typed(t.agent(), t.text().length(), t.keys());
        } else if (op instanceof Operation.Update u) {
            return update(who, u);
        } else if (op instanceof Operation.Hold h) {
            Fleet.requireAgent(fleet.roster(), h.agent());
            fleet.typingLease().humanTyped(h.agent());
            return new Outcome.Held(h.agent());
        }
        throw AppException.invalid("no handler for " + op.display());
    }

    private Outcome send(Actor who, Operation.Send s) {
        Roster r = fleet.roster(); // the service's fleet caches it: no YAML parse per send
        if (r.fleet().comms() == Comms.MATRIX && !r.isOrchestrator(s.agent())) {
            Fleet.requireAgent(r, s.agent());
            return new Outcome.Posted(s.agent(), rooms.post(s.agent(), who.id(), s.text()), s.text().length());
        }
        return new Outcome.Sent(s.agent(), fleet.send(s.agent(), s.text()), s.text().length());
    }

    private Outcome add(Operation.Add a) {
        String runtime = a.runtime() != null ? a.runtime() : env.defaultRuntime();
        AgentSpec spec = new AgentSpec(Names.require("agent", a.name()), a.agentRole(), runtime, a.workdir(), a.host(),
                a.command(), null);
        store.update(d -> d.addAgent(spec));
        return new Outcome.Added(a.name(), runtime, a.agentRole(), store.file());
    }

    private Outcome remove(Operation.Remove r) {
        store.update(d -> {
            if (!d.removeAgent(r.agent())) {
                throw new RosterException(MosaicException.Kind.NOT_FOUND, "no agent named '" + r.agent() + "' in "
                        + store.file() + " (see 'mosaic fleet agent list')");
            }
        });
        return new Outcome.Removed(r.agent(), store.file());
    }

    private Outcome comms(Operation.SetComms c) {
        if (c.mode() == null) {
            Comms now = store.load().fleet().comms();
            return new Outcome.CommsMode(now, now, true);
        }
        Comms[] before = new Comms[1];
        store.update(doc -> {
            Roster now = store.load();
            before[0] = now.fleet().comms();
            if (c.mode() == Comms.MATRIX && !now.orchestrator().connectors().containsKey("matrix")) {
                throw new RosterException(MosaicException.Kind.CONFLICT, "comms matrix needs a Matrix connector, and "
                        + store.file() + " has no orchestrator.connectors.matrix; add one first ('mosaic fleet init"
                        + " --connector matrix ...' or 'mosaic fleet config'), see docs/connectors/matrix.md");
            }
            doc.setComms(c.mode());
        });
        return new Outcome.CommsMode(before[0], c.mode(), false);
    }

    /**
     * Plans, or runs, a harness update; every step is audited as {@code who} and told to the
     * progress consumer (a terminal's progress lines).
     */
    private Outcome update(Actor who, Operation.Update u) {
        var updater = fleet.updater();
        if (u.dryRun()) {
            return new Outcome.UpdatePlanned(updater.plan(u.options()));
        }
        dev.mosaic.fleet.audit.AuditLog log = new dev.mosaic.fleet.audit.AuditLog(env.auditLog());
        return new Outcome.Updated(updater.run(u.options(), who.id(), new dev.mosaic.fleet.update.UpdateListener() {
            public void progress(String line) {
                (u.progress() != null ? u.progress() : updateProgress).accept(line);
            }

            public void step(String action, String target, String result, java.util.Map<String, Object> details) {
                java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
                d.put("platform", who.platform());
                d.putAll(details);
                log.append(new dev.mosaic.fleet.audit.AuditRecord(java.time.Instant.now(), who.id(), action, target,
                        result, d));
            }
        }));
    }

    /** Answers the prompt through the fleet, which re-reads the screen first; a stale one is refused. */
    private Outcome answer(Operation.Answer a) {
        String expected = null;
        if (a.promptId() != null) {
            var now = fleet.pendingPrompt(a.agent());
            if (now.isEmpty() || !dev.mosaic.mos.cli.engine.PromptAnswer.id(now.get()).equals(a.promptId())) {
                String it = now.map(p -> "waiting for approval of " + p.summary()).orElse("not waiting for approval");
                throw new dev.mosaic.fleet.FleetException("that prompt is gone (" + a.agent() + " is now " + it + ")");
            }
            expected = now.get().fingerprint();
        }
        var p = fleet.answer(a.agent(), a.approve(), expected);
        return new Outcome.Answered(a.agent(), a.approve(), p.summary());
    }
}
