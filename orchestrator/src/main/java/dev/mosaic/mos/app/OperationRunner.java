package dev.mosaic.mos.app;

/**
 * Carries out an operation that {@link Application} has authorized (and confirmed, when
 * destructive). The real one is {@link FleetOperations}; tests record calls instead.
 */
@FunctionalInterface
public interface OperationRunner {

    /**
     * @throws dev.mosaic.fleet.MosaicException naming what is wrong; its kind decides the reply
     */
    Outcome run(Actor who, Operation op);
}
