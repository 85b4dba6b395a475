package dev.mosaic.fleet;

import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.runtime.RuntimeProfile;

/** Finds the runtime profile an agent names (shipped presets, user presets, the roster's overrides). */
@FunctionalInterface
public interface RuntimeResolver {

    /** The profile called {@code runtimeName}; throws a {@link MosaicException} naming it when unknown. */
    RuntimeProfile resolve(Roster roster, String runtimeName);
}
