package dev.mosaic.fleet.update;

import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.RuntimeResolver;
import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.heartbeat.Health;
import dev.mosaic.fleet.ps.AgentState;
import dev.mosaic.fleet.ps.AgentStatus;
import dev.mosaic.fleet.roster.HostSpec;
import dev.mosaic.fleet.runtime.InstallSpec;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carries out an {@link UpdatePlan}, one runtime after the other: the new version is installed
 * once per host; then the agents are restarted one at a time, each only once it is idle (the
 * first is the canary), with their conversation resumed, and each must come back ready and healthy
 * before the next. A failed install or an agent that does not come back stops the rollout: the
 * old version is reinstalled and the agents already moved are restarted on it.
 */
final class UpdateRun {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Fleet fleet;
    private final RuntimeResolver runtimes;
    private final HostCommands cmds;
    private final Clock clock;
    private final UpdateOptions options;
    private final UpdateListener listener;
    private final UpdateLog log;
    private final Map<String, UpdateReport.HostResult> hosts = new LinkedHashMap<>();
    private final Map<String, UpdateReport.AgentResult> agents = new LinkedHashMap<>();
    private final Set<String> held = new HashSet<>();
    private String result = "ok";

    UpdateRun(Fleet fleet, RuntimeResolver runtimes, HostCommands cmds, Clock clock, UpdateOptions options,
              UpdateListener listener, UpdateLog log) {
        this.fleet = fleet;
        this.runtimes = runtimes;
        this.cmds = cmds;
        this.clock = clock;
        this.options = options;
        this.listener = listener;
        this.log = log;
    }

    /** An agent of a step, to be restarted. */
    private record Pending(String name, UpdatePlan.Step step) {
    }

    UpdateReport run(UpdatePlan plan, String id, String actor) {
        Instant started = clock.instant();
        Map<String, List<UpdatePlan.Step>> byRuntime = new LinkedHashMap<>();
        plan.steps().forEach(s -> byRuntime.computeIfAbsent(s.runtime(), k -> new ArrayList<>()).add(s));
        try {
            for (var e : byRuntime.entrySet()) {
                if (result.equals("ok") || result.equals("partial")) {
                    runtime(runtimes.resolve(fleet.roster(), e.getKey()), e.getValue());
                } else {
                    for (UpdatePlan.Step s : e.getValue()) {
                        s.agents().forEach(a -> agent(a.name(), s, "unchanged", null, "the rollout stopped before it"));
                    }
                }
            }
        } finally {
            held.forEach(a -> fleet.updateGate().release(a));
        }
        return new UpdateReport(id, started.toString(), clock.instant().toString(), actor, result,
                List.copyOf(hosts.values()), List.copyOf(agents.values()), log.file().toString());
    }

    private void runtime(RuntimeProfile p, List<UpdatePlan.Step> steps) {
        List<UpdatePlan.Step> done = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        for (UpdatePlan.Step s : steps) {
            if (!s.changes()) {
                host(s, s.installed(), "current", "already " + s.target());
                s.agents().forEach(a -> agent(a.name(), s, "current", s.target(), "already on " + s.target()));
                continue;
            }
            say(p.name() + "@" + s.host() + ": " + (s.installed() == null ? "installing " + s.target()
                    : "updating " + s.installed() + " -> " + s.target()));
            String err = install(p, s, s.target(), false);
            if (err != null) {
                host(s, s.target(), "failed", err);
                say(p.name() + "@" + s.host() + ": update failed: " + err);
                steps.forEach(x -> x.agents().forEach(a -> agent(a.name(), x, "unchanged", null,
                        "the update of " + p.name() + " failed; not restarted")));
                List<UpdatePlan.Step> back = new ArrayList<>(done);
                back.add(s); // a half-done install may have left this host broken too
                rollback(p, back, List.of());
                return;
            }
            host(s, s.target(), s.installed() == null ? "installed" : "updated", null);
            done.add(s);
            s.agents().forEach(a -> pending.add(new Pending(a.name(), s)));
        }
        restartAll(p, done, pending);
    }

    private void restartAll(RuntimeProfile p, List<UpdatePlan.Step> done, List<Pending> pending) {
        List<Pending> moved = new ArrayList<>();
        boolean canary = true;
        Instant deadline = clock.instant().plus(options.drainTimeout());
        Set<String> announced = new HashSet<>();
        while (!pending.isEmpty()) {
            boolean progressed = false;
            for (Pending a : List.copyOf(pending)) {
                AgentStatus s = fleet.status(a.name());
                if (s.state() != AgentState.RUNNING) {
                    agent(a.name(), a.step(), "not-running", null, s.state().wire() + "; starts on " + a.step().target()
                            + " next time");
                    pending.remove(a);
                    continue;
                }
                if (!options.force() && (!Drain.restartable(s) || fleet.screenBusy(a.name()))) {
                    if (announced.add(a.name())) {
                        say(a.name() + ": " + (Drain.restartable(s) ? "working (its screen says)" : Drain.busy(s))
                                + "; restarting once it is idle");
                    }
                    continue;
                }
                say(a.name() + ": restarting on " + a.step().target() + (canary ? " (canary)" : ""));
                String failure;
                try {
                    held.add(a.name());
                    if (!fleet.restartForUpdate(a.name(), !options.force())) {
                        held.remove(a.name());
                        continue; // a message gave it work just now
                    }
                    moved.add(a);
                    failure = ready(p, a.name());
                } catch (MosaicException e) {
                    moved.add(a);
                    failure = e.getMessage();
                }
                pending.remove(a);
                if (failure != null) {
                    listener.step("update.restart", a.name(), "failed", Map.of("version", a.step().target(),
                            "error", failure, "canary", canary));
                    say(a.name() + ": did not come back on " + a.step().target() + ": " + failure);
                    agent(a.name(), a.step(), "failed", a.step().target(), failure);
                    pending.forEach(x -> agent(x.name(), x.step(), "unchanged", null,
                            "the rollout stopped before it; still on " + x.step().installed()));
                    rollback(p, done, moved);
                    return;
                }
                release(a.name());
                listener.step("update.restart", a.name(), "ok", Map.of("version", a.step().target(), "canary", canary));
                say(a.name() + ": ready on " + a.step().target());
                agent(a.name(), a.step(), "updated", a.step().target(), canary ? "canary" : null);
                canary = false;
                progressed = true;
            }
            if (!pending.isEmpty() && clock.instant().isAfter(deadline)) {
                for (Pending a : pending) {
                    String busy = Drain.busy(fleet.status(a.name()));
                    String why = "still " + busy + " after " + options.drainTimeout().toSeconds() + " s; on "
                            + a.step().installed() + " until it is restarted";
                    listener.step("update.skip", a.name(), "skipped", Map.of("reason", busy));
                    say(a.name() + ": skipped: " + why);
                    agent(a.name(), a.step(), "skipped", a.step().installed(), why);
                }
                result = "partial";
                return;
            }
            if (!progressed && !pending.isEmpty()) {
                pause();
            }
        }
    }

    /** Null when the agent came back ready and healthy within the ready timeout, else why not. */
    private String ready(RuntimeProfile p, String agent) {
        Instant deadline = clock.instant().plus(options.readyTimeout());
        while (true) {
            AgentStatus s = fleet.status(agent);
            if (s.state() == AgentState.CRASHED || s.state() == AgentState.STOPPED) {
                return "it exited (" + s.state().wire() + (s.detail() == null ? "" : ": " + s.detail()) + ")";
            }
            if (s.waiting() != null) {
                return "it is " + Drain.busy(s) + " instead of ready";
            }
            String act = s.heartbeat().activity();
            boolean idle = act == null ? p.harness() == null : act.equals("idle");
            boolean healthy = s.heartbeat().health() == Health.HEALTHY
                    || (!p.nativeHeartbeat() && s.heartbeat().health() != Health.STALE);
            if (s.state() == AgentState.RUNNING && idle && healthy) {
                return null;
            }
            if ("error".equals(act)) {
                return "it reported an error";
            }
            if (clock.instant().isAfter(deadline)) {
                return "not ready after " + options.readyTimeout().toSeconds() + " s (" + Drain.busy(s) + ", "
                        + s.heartbeat().health().name().toLowerCase(java.util.Locale.ROOT) + ")";
            }
            pause();
        }
    }

    /**
     * Reinstalls each host's previous version and restarts the agents already moved on it. The
     * result says whether everything is back.
     */
    private void rollback(RuntimeProfile p, List<UpdatePlan.Step> done, List<Pending> moved) {
        boolean back = true;
        List<UpdatePlan.Step> all = new ArrayList<>(done);
        moved.forEach(m -> {
            if (!all.contains(m.step())) {
                all.add(m.step());
            }
        });
        for (UpdatePlan.Step s : all) {
            if (s.installed() == null) {
                host(s, s.target(), "rollback-failed", "no earlier version in Mos's prefix to go back to");
                back = false;
                continue;
            }
            say(p.name() + "@" + s.host() + ": rolling back to " + s.installed());
            String err = install(p, s, s.installed(), true);
            host(s, err == null ? s.installed() : s.target(), err == null ? "rolled-back" : "rollback-failed", err);
            back &= err == null;
        }
        for (Pending a : moved) {
            String failure;
            try {
                say(a.name() + ": restarting on " + a.step().installed());
                fleet.restartForUpdate(a.name(), false);
                failure = ready(p, a.name());
            } catch (MosaicException e) {
                failure = e.getMessage();
            }
            release(a.name());
            String prior = agents.containsKey(a.name()) && agents.get(a.name()).detail() != null
                    && agents.get(a.name()).result().equals("failed") ? agents.get(a.name()).detail() + "; " : "";
            if (failure == null) {
                agent(a.name(), a.step(), "rolled-back", a.step().installed(), prior + "back on " + a.step().installed()
                        + ", ready");
                say(a.name() + ": back on " + a.step().installed() + ", ready");
            } else {
                agent(a.name(), a.step(), "failed", a.step().installed(), prior + "after the rollback: " + failure);
                say(a.name() + ": not ready after the rollback: " + failure);
                back = false;
            }
            listener.step("update.rollback", a.name(), failure == null ? "ok" : "failed",
                    Map.of("version", String.valueOf(a.step().installed())));
        }
        result = back ? "rolled-back" : "failed";
    }

    /** Runs the update (or install) command with {@code version}; null when it worked and the version reads right. */
    private String install(RuntimeProfile p, UpdatePlan.Step s, String version, boolean rollback) {
        HostSpec host = fleet.roster().host(s.host());
        List<String> template = rollback || p.updateCommand().isEmpty() ? p.install().installCommand() : p.updateCommand();
        if (template.isEmpty()) {
            template = p.updateCommand();
        }
        List<String> argv = InstallSpec.fill(template, cmds.values(p, host, version));
        String err = null;
        try {
            CommandResult r = cmds.run(host, argv, options.commandTimeout());
            log.command(host.name(), argv, r);
            if (!r.ok()) {
                err = "exit " + r.exitCode() + ": " + Versions.firstLine(r.stderr().isBlank() ? r.stdout() : r.stderr());
            }
        } catch (MosaicException e) {
            log.line("$ " + String.join(" ", argv) + "   (on " + host.name() + "): " + e.getMessage());
            err = e.getMessage();
        }
        if (err == null && !p.install().versionCommand().isEmpty()) {
            String now = Versions.installed(cmds, p, host);
            if (!version.equals(now)) {
                err = "afterwards the installed version reads " + now + ", not " + version;
            }
        }
        listener.step(rollback ? "update.rollback" : "update.install", p.name() + "@" + s.host(), err == null ? "ok"
                : "failed", err == null ? Map.of("from", String.valueOf(s.installed()), "to", version)
                : Map.of("from", String.valueOf(s.installed()), "to", version, "error", err));
        return err;
    }

    private void release(String agent) {
        fleet.updateGate().release(agent);
        held.remove(agent);
    }

    private void host(UpdatePlan.Step s, String version, String res, String detail) {
        hosts.put(s.runtime() + "@" + s.host(), new UpdateReport.HostResult(s.runtime(), s.host(), s.installed(), version,
                res, detail));
    }

    private void agent(String name, UpdatePlan.Step s, String res, String version, String detail) {
        agents.put(name, new UpdateReport.AgentResult(name, s.runtime(), s.host(), res, version, detail));
    }

    private void say(String line) {
        log.line(line);
        listener.progress(line);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis()); // agents change state in seconds; ps costs one tmux call
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpdateException("the update was interrupted");
        }
    }
}
