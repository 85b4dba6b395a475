package dev.mosaic.mos.service;

import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.mos.app.Application;
import dev.mosaic.mos.cli.CliContext;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** What the service's {@link ServiceComponent}s see of it: the {@link ServiceContext} {@link MosService} hands them. */
final class ComponentContext implements ServiceContext {

    private final CliContext context;
    private final MosaicEnv env;
    private final Supplier<Roster> roster;
    private final Fleet fleet;
    private final Application app;
    private final ConnectorSupervisor supervisor;
    /** The service's inbound path for messages of a given attached connector. */
    private final Function<Connector, InboundSink> inbound;

    ComponentContext(CliContext context, MosaicEnv env, Supplier<Roster> roster, Fleet fleet, Application app,
                     ConnectorSupervisor supervisor, Function<Connector, InboundSink> inbound) {
        this.context = context;
        this.env = env;
        this.roster = roster;
        this.fleet = fleet;
        this.app = app;
        this.supervisor = supervisor;
        this.inbound = inbound;
    }

    @Override
    public Map<String, String> environment() {
        return context.environment();
    }

    @Override
    public PrintWriter console() {
        return context.err();
    }

    @Override
    public boolean attended() {
        return context.interactive();
    }

    @Override
    public MosaicEnv env() {
        return env;
    }

    @Override
    public Roster roster() {
        return roster.get();
    }

    @Override
    public Fleet fleet() {
        return fleet;
    }

    @Override
    public Application app() {
        return app;
    }

    /**
     * Its messages take the same path as every supervised connector's (conversation tracking,
     * interceptors, the chat router), and replies to its conversations — including an agent's
     * {@code mos say} — reach it.
     */
    @Override
    public void attachConnector(String platform, Connector connector) throws ConnectorException {
        supervisor.attach(platform, connector);
        connector.start(inbound.apply(connector));
    }

    @Override
    public void detachConnector(String platform, Connector connector) {
        supervisor.detach(platform, connector);
    }
}
