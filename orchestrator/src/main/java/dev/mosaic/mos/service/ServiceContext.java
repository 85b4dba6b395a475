package dev.mosaic.mos.service;

import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.mos.app.Application;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What a {@link ServiceComponent} gets from the running service: no more than it needs. Actions
 * go through {@link #app()} (authorization, audit); {@link #fleet()} is for live reads such as
 * pane screens; a component's own chat connector joins through {@link #attachConnector}.
 */
public interface ServiceContext {

    /** The environment variables the service was started with, for settings such as {@code MOSAIC_WEB_PORT}. */
    Map<String, String> environment();

    /** Where to print what a person at the service's terminal should see (a login URL). */
    PrintWriter console();

    /**
     * True when a person sits at the service's terminal ({@code up}, {@code serve} in a shell); false
     * under systemd, whose output goes to the journal, where credentials such as a login URL must not.
     */
    boolean attended();

    /** The environment contract ({@code MOSAIC_HOME}, audit log, ...). */
    MosaicEnv env();

    /** The roster in force (the last valid one). */
    Roster roster();

    /** The process's one fleet engine. */
    Fleet fleet();

    /** The application layer every door hands its operations to. */
    Application app();

    /**
     * Connects a built-in connector (the web chat panel): its messages take the same inbound path
     * as every supervised connector's, and replies to its conversations — including an agent's
     * {@code mos say} — reach it. Call {@link #detachConnector} when the component stops.
     */
    void attachConnector(String platform, Connector connector) throws ConnectorException;

    void detachConnector(String platform, Connector connector);
}
