package dev.mosaic.fleet.ssh;

/**
 * How remote agents reach the running service: every host connection the service opens carries a
 * reverse forward from a loopback port on the remote host to {@link #port()} here, and the remote
 * {@code $MOSAIC_HOME} of that host's agents gets a service file naming that port and a token
 * valid only for that host's agents.
 */
public interface ServiceBridge {

    /** The service's local endpoint port on 127.0.0.1. */
    int port();

    /**
     * The content of the service file to write on {@code host}, whose forwarded port there is
     * {@code remotePort} (the format belongs to the service; fleet-core only carries it).
     */
    String serviceFile(String host, int remotePort);

    /** The service file's path relative to the remote agents' {@code MOSAIC_HOME}. */
    String serviceFilePath();
}
