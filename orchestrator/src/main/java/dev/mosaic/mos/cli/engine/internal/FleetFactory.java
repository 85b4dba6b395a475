package dev.mosaic.mos.cli.engine.internal;

import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.exec.CommandRunner;
import dev.mosaic.fleet.roster.RosterStore;
import dev.mosaic.mos.service.ProviderCatalog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Builds the {@link Fleet} of one CLI invocation from its environment. */
public final class FleetFactory {

    private FleetFactory() {
    }

    /**
     * A CLI invocation makes a handful of tmux calls and exits, so it uses one process per call;
     * the persistent control-mode connection pays off in the long-lived service.
     */
    public static Fleet create(MosaicEnv env, Map<String, String> environment, Path userHome, Clock clock,
                               CommandRunner runner) {
        Map<String, String> passThrough = passThrough(environment);
        RosterStore store = store(env);
        // the roster is loaded on every call, so a long-lived fleet sees edits
        return new Fleet(store::load, (roster, name) -> store.runtimes().resolve(roster, name), env, clock, runner,
                passThrough, userHome, false, null, environment);
    }

    /**
     * What agents inherit from the CLI's or service's environment: the launcher (agents run
     * {@code mosaic} through it) and PATH (to which Mos puts {@code mosaic} first).
     */
    public static Map<String, String> passThrough(Map<String, String> environment) {
        Map<String, String> passThrough = new HashMap<>();
        for (String k : new String[] {"MOSAIC_LAUNCHER", "PATH"}) {
            String v = environment.get(k);
            if (v != null && !v.isBlank()) {
                passThrough.put(k, v);
            }
        }
        return passThrough;
    }

    /**
     * The roster of this environment, knowing the user's runtime profiles and validated against the
     * connector providers on the class path (the same ones the service runs), so the CLI and the
     * service agree on what a valid roster is.
     */
    public static RosterStore store(MosaicEnv env) {
        return new RosterStore(env.roster(), env.presetsDir(), ProviderCatalog.installed());
    }
}
