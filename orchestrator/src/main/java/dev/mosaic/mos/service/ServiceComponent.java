package dev.mosaic.mos.service;

/**
 * A part of the service that starts after the core (connectors, router, bridge, local endpoint)
 * and stops before it, such as the web UI. {@link MosService} starts components in order and
 * closes them in reverse; a component that fails to start stops the service start with its message.
 */
public interface ServiceComponent extends AutoCloseable {

    /** A short name for logs and {@code mos status}, e.g. {@code web}. */
    String name();

    /** Starts, using what the running service offers it (a narrow context, not the service itself). */
    void start(ServiceContext service) throws Exception;

    /** Stops; idempotent, never throws. */
    @Override
    void close();
}
