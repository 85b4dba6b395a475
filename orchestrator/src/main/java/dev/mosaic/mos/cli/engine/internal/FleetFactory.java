package dev.mosaic.mos.cli.engine.internal;

import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.RuntimeResolver;
import dev.mosaic.fleet.exec.CommandRunner;
import dev.mosaic.fleet.roster.Roster;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

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
        Map<String, String> passThrough = new HashMap<>();
        String launcher = environment.get("MOSAIC_LAUNCHER");
        if (launcher != null) {
            passThrough.put("MOSAIC_LAUNCHER", launcher);
        }
        return new Fleet(roster(env), RosterStandIn::resolve, env, clock, runner, passThrough, userHome, false);
    }

    /** Resolves runtime profiles (shipped ones and the roster's overrides). */
    public static RuntimeResolver resolver() {
        return RosterStandIn::resolve;
    }

    /** Loads the roster on every call, so a long-lived fleet sees edits. */
    public static Supplier<Roster> roster(MosaicEnv env) {
        return () -> RosterStandIn.load(env.roster());
    }
}
