package dev.mosaic.mos.cli.engine.internal;

import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.RuntimeResolver;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import dev.mosaic.fleet.update.Updater;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code fleet verify}'s harness versions: per updatable runtime the agents use, the version in
 * Mos's prefix on this machine and whether a newer one is available ({@code mosaic fleet update}).
 * The newest version is asked only for a harness Mos installed (it may need the network).
 */
final class HarnessVersionChecks {

    private HarnessVersionChecks() {
    }

    static List<Checks.Check> run(Roster roster, RuntimeResolver resolver, Fleet fleet) {
        List<Checks.Check> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Updater updater = fleet.updater();
        for (AgentSpec a : roster.allAgents()) {
            if (!seen.add(a.runtime())) {
                continue;
            }
            RuntimeProfile p;
            try {
                p = resolver.resolve(roster, a.runtime());
            } catch (MosaicException e) {
                continue; // the runtime checks report it
            }
            if (!p.updatable() || p.install().versionCommand().isEmpty()) {
                continue;
            }
            String installed = updater.installed(p);
            if (installed == null) {
                out.add(new Checks.Check("ok", "harness " + p.name() + ": not installed in Mos's prefix (agents start '"
                        + p.executable() + "' from PATH)", null));
                continue;
            }
            String latest;
            try {
                latest = updater.latest(p);
            } catch (MosaicException e) {
                out.add(new Checks.Check("ok", "harness " + p.name() + " " + installed + " installed; newest unknown: "
                        + e.getMessage(), null));
                continue;
            }
            out.add(latest.equals(installed)
                    ? new Checks.Check("ok", "harness " + p.name() + " " + installed + " installed (the newest)", null)
                    : new Checks.Check("warn", "harness " + p.name() + " " + installed + " installed; " + latest
                    + " is available", "mosaic fleet update --runtime " + p.name() + " (agents restart once idle;"
                    + " see docs/updates.md)"));
        }
        return out;
    }
}
