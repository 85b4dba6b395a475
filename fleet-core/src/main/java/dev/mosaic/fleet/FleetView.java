package dev.mosaic.fleet;

import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.harness.LiveState;
import dev.mosaic.fleet.heartbeat.Heartbeat;
import dev.mosaic.fleet.heartbeat.HeartbeatFiles;
import dev.mosaic.fleet.ps.AgentState;
import dev.mosaic.fleet.ps.AgentStatus;
import dev.mosaic.fleet.ps.FleetSnapshot;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.HostSpec;
import dev.mosaic.fleet.roster.Names;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import dev.mosaic.fleet.ssh.RemoteSnapshot;
import dev.mosaic.fleet.ssh.SshHosts;
import dev.mosaic.fleet.tmux.PaneInfo;
import dev.mosaic.fleet.tmux.Tmux;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What {@link Fleet#ps()} sees: every host's panes and heartbeats, read in one round trip per
 * host with all remote hosts asked at once, turned into one row per agent (plus sessions the
 * roster does not know). Split from {@link Fleet} so the facade keeps to acting on agents.
 */
final class FleetView {

    /** ps asks every remote host at once; a slow or down host costs its own timeout, not the sum. */
    private static final ExecutorService HOST_POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mosaic-ps-host");
        t.setDaemon(true);
        return t;
    });

    private final Supplier<Roster> roster;
    private final RuntimeResolver runtimes;
    private final HeartbeatFiles heartbeats;
    private final Clock clock;
    private final Function<HostSpec, Tmux> servers;
    private final SshHosts ssh;

    FleetView(Supplier<Roster> roster, RuntimeResolver runtimes, HeartbeatFiles heartbeats, Clock clock,
              Function<HostSpec, Tmux> tmux, SshHosts ssh) {
        this.roster = roster;
        this.runtimes = runtimes;
        this.heartbeats = heartbeats;
        this.clock = clock;
        this.servers = tmux;
        this.ssh = ssh;
    }

    FleetSnapshot ps() {
        Roster r = roster.get();
        Map<String, List<AgentSpec>> byHost = Fleet.byHost(r, r.allAgents());
        byHost.putIfAbsent(HostSpec.LOCAL, new ArrayList<>());
        Map<String, Future<HostView>> remote = new LinkedHashMap<>();
        for (String h : byHost.keySet()) {
            HostSpec host = r.host(h);
            if (!host.isLocal()) {
                remote.put(h, HOST_POOL.submit(() -> view(host)));
            }
        }
        List<AgentStatus> rows = new ArrayList<>();
        List<AgentStatus> unmanaged = new ArrayList<>();
        String tenant = r.fleet().name();
        Map<String, AgentStatus> byName = new LinkedHashMap<>();
        for (var e : byHost.entrySet()) {
            HostSpec host = r.host(e.getKey());
            HostView view = host.isLocal() ? view(host) : join(host, remote.get(e.getKey()));
            if (view.error() != null) {
                for (AgentSpec a : e.getValue()) {
                    byName.put(a.name(), new AgentStatus(a.name(), a.role(), a.runtime(), host.name(), tenant,
                            AgentState.UNKNOWN, true, null, Heartbeat.unknown(), view.error()));
                }
                continue;
            }
            Map<String, PaneInfo> panes = view.panes();
            for (AgentSpec a : e.getValue()) {
                byName.put(a.name(), row(r, a, host, tenant, panes.get(a.name()), view.beats().apply(a.name()),
                        view.requests()));
            }
            for (PaneInfo p : panes.values()) {
                if (!p.viewer() && e.getValue().stream().noneMatch(a -> a.name().equals(p.session()))) {
                    unmanaged.add(new AgentStatus(p.session(), null, null, host.name(), tenant, AgentState.MISSING,
                            false, p.pid(), Names.isValid(p.session()) ? view.beats().apply(p.session())
                            : Heartbeat.unknown(), "not in the roster"));
                }
            }
        }
        for (AgentSpec a : r.allAgents()) {
            rows.add(byName.get(a.name()));
        }
        rows.addAll(unmanaged);
        return new FleetSnapshot(clock.instant(), tenant, rows);
    }

    /** One host's panes, heartbeats and pending permission requests, or why it could not be read. */
    private record HostView(Map<String, PaneInfo> panes, Function<String, Heartbeat> beats,
                            Function<String, String> requests, String error) {

        static HostView failed(String error) {
            return new HostView(Map.of(), a -> Heartbeat.unknown(), a -> null, error);
        }
    }

    /** An agent's own report (its heartbeat file) and the permission request its hook saved, if any. */
    record Beat(Heartbeat heartbeat, String request) {
    }

    /** What the agent reported itself, wherever it runs: a remote host is asked in one round trip. */
    Beat beat(HostSpec host, String agent) {
        if (host.isLocal()) {
            return new Beat(heartbeats.read(agent), heartbeats.pendingRequest(agent));
        }
        HostView v = view(host);
        return new Beat(v.beats().apply(agent), v.requests().apply(agent));
    }

    /** Every heartbeat a remote host's run dir holds, by agent (empty when it cannot be reached). */
    java.util.Optional<Map<String, Heartbeat>> beats(HostSpec host) {
        try {
            Tmux tmux = servers.apply(host);
            RemoteSnapshot snap = RemoteSnapshot.read(tmux.ssh(), tmux.socket(), ssh.settings().callTimeout());
            Map<String, Heartbeat> out = new LinkedHashMap<>();
            snap.heartbeats().forEach((a, text) -> out.put(a, heartbeats.parse(text)));
            return java.util.Optional.of(out);
        } catch (MosaicException unreachable) {
            return java.util.Optional.empty();
        }
    }

    private HostView view(HostSpec host) {
        try {
            if (host.isLocal()) {
                return new HostView(servers.apply(host).panes(), heartbeats::read, heartbeats::pendingRequest, null);
            }
            Tmux tmux = servers.apply(host);
            RemoteSnapshot snap = RemoteSnapshot.read(tmux.ssh(), tmux.socket(), ssh.settings().callTimeout());
            return new HostView(snap.panes(), a -> snap.heartbeats().containsKey(a)
                    ? heartbeats.parse(snap.heartbeats().get(a)) : Heartbeat.unknown(), snap.requests()::get, null);
        } catch (MosaicException ex) {
            return HostView.failed(ex.getMessage());
        }
    }

    private static HostView join(HostSpec host, Future<HostView> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HostView.failed("interrupted while asking host " + host.name());
        } catch (ExecutionException e) {
            return HostView.failed("host " + host.name() + ": " + e.getCause().getMessage());
        }
    }

    private AgentStatus row(Roster r, AgentSpec a, HostSpec host, String tenant, PaneInfo pane, Heartbeat hb,
                            Function<String, String> requests) {
        if (pane != null && !pane.dead()) {
            RuntimeProfile profile = profileOrNull(r, a);
            if (profile != null) {
                // remote agents too: their hooks wrote the remote run dir this round trip read; the
                // screen (one capture over ssh) is read only when it can change the answer
                LiveState.Reading live = LiveState.observe(profile, hb, pane.pid(), () -> screenOrNull(host, a.name()),
                        requests.apply(a.name()), clock.instant(), host.isLocal());
                return new AgentStatus(a.name(), a.role(), a.runtime(), host.name(), tenant, AgentState.RUNNING, true,
                        pane.pid(), live.heartbeat(), null, live.waiting());
            }
        }
        if (pane == null) {
            return new AgentStatus(a.name(), a.role(), a.runtime(), host.name(), tenant, AgentState.STOPPED, true,
                    null, hb, null);
        }
        if (pane.dead()) {
            return new AgentStatus(a.name(), a.role(), a.runtime(), host.name(), tenant, AgentState.CRASHED, true,
                    pane.pid(), hb, "process exited with status " + pane.deadStatus());
        }
        return new AgentStatus(a.name(), a.role(), a.runtime(), host.name(), tenant, AgentState.RUNNING, true,
                pane.pid(), hb, null);
    }

    /** The agent's runtime, resolved against the roster this ps read (the CLI's roster is read per call). */
    private RuntimeProfile profileOrNull(Roster r, AgentSpec a) {
        try {
            return runtimes.resolve(r, a.runtime());
        } catch (MosaicException | IllegalArgumentException e) {
            return null; // ps never fails because of one agent's runtime; start reports it
        }
    }

    private String screenOrNull(HostSpec host, String agent) {
        try {
            CommandResult res = servers.apply(host).exec(List.of("capture-pane", "-p", "-J", "-t", Tmux.target(agent)),
                    null);
            return res.ok() ? res.stdout() : null;
        } catch (MosaicException unreachable) {
            return null; // the host went away since its snapshot: the agent's own report stands
        }
    }

    List<String> drift(Roster r) {
        List<String> drift = new ArrayList<>();
        for (var e : Fleet.byHost(r, r.allAgents()).entrySet()) {
            try {
                for (PaneInfo p : servers.apply(r.host(e.getKey())).panes().values()) {
                    if (!p.viewer() && e.getValue().stream().noneMatch(a -> a.name().equals(p.session()))) {
                        drift.add(p.session());
                    }
                }
            } catch (MosaicException unreachable) {
                // an unreachable host has no drift we can see; ps reports it as unknown
            }
        }
        return drift;
    }

}
