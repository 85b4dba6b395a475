package dev.mosaic.mos.service;

import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.ssh.ServiceBridge;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Lets remote agents answer ({@code mosaic mos say} on their host): each host's ssh connection
 * forwards a loopback port there to the {@link LocalEndpoint}, and the remote agents'
 * {@code MOSAIC_HOME} gets a service file with that port and the host's own token, which the
 * endpoint accepts only for agents of that host.
 */
final class RemoteAgentBridge implements ServiceBridge {

    private final LocalEndpoint endpoint;
    private final Instant startedAt;

    RemoteAgentBridge(LocalEndpoint endpoint, Instant startedAt) {
        this.endpoint = endpoint;
        this.startedAt = startedAt;
    }

    /** The roster host of an agent, for the endpoint's host-token check. */
    static String hostOf(Supplier<Roster> roster, String agent) {
        return roster.get().agent(agent).map(AgentSpec::host).orElse(null);
    }

    @Override
    public int port() {
        return endpoint.port();
    }

    @Override
    public String serviceFile(String host, int remotePort) {
        return new ServiceFile(ProcessHandle.current().pid(), remotePort, endpoint.hostToken(host), startedAt).json();
    }

    @Override
    public String serviceFilePath() {
        return "run/mos-service.json";
    }
}
