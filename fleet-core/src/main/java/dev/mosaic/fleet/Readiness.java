package dev.mosaic.fleet;

import dev.mosaic.fleet.harness.LiveState;
import dev.mosaic.fleet.heartbeat.Heartbeat;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.HostSpec;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Waits until a harness accepts input (its own report, else its ready screen), up to
 * {@link Fleet#READY_TIMEOUT}; refuses while it waits for a person, since typed text would answer
 * its prompt or dialog. Once ready, an agent process stays ready (remembered by pid).
 */
final class Readiness {

    /** Harness agents seen ready, by the pid of the process that was (a restart must be ready again). */
    private final Map<String, Long> ready = new ConcurrentHashMap<>();
    private final FleetView view;
    private final Clock clock;
    private final Function<String, String> screen;

    Readiness(FleetView view, Clock clock, Function<String, String> screen) {
        this.view = view;
        this.clock = clock;
        this.screen = screen;
    }

    void await(AgentSpec a, RuntimeProfile profile, HostSpec host) {
        long deadline = System.nanoTime() + Fleet.READY_TIMEOUT.toNanos();
        while (true) {
            FleetView.Beat own = view.beat(host, a.name());
            Heartbeat hb = own.heartbeat();
            if (hb.pid() != null && hb.pid().equals(ready.get(a.name())) && !hb.waiting()) {
                return;
            }
            String scr = screen.apply(a.name());
            LiveState.Reading live = LiveState.observe(profile, hb, null, () -> scr, own.request(), clock.instant(),
                    host.isLocal());
            String act = live.heartbeat().activity();
            if (live.waiting() != null) {
                throw new FleetException("agent '" + a.name() + "' is waiting for " + ("approval".equals(live.waiting().kind())
                        ? "approval (" + live.waiting().summary() + "); approve or deny it first"
                        : "an answer at a dialog: " + live.waiting().summary().replace('\n', ' '))
                        + " — text typed now would answer it");
            }
            if (act != null && !act.equals("starting")) {
                if (hb.pid() != null) {
                    ready.put(a.name(), hb.pid());
                }
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new FleetException("agent '" + a.name() + "' is not ready after " + Fleet.READY_TIMEOUT.toSeconds()
                        + " s (runtime " + profile.name() + "); see 'mosaic fleet agent tail " + a.name() + "'");
            }
            try {
                Thread.sleep(100); // the harness is starting: its first report or ready screen comes within seconds
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FleetException("interrupted while waiting for '" + a.name() + "' to be ready");
            }
        }
    }
}
