package dev.mosaic.mos.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.mos.app.Actor;
import dev.mosaic.mos.app.Application;
import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.app.Outcome;
import java.util.function.Supplier;

/**
 * What the service answers on its {@link LocalEndpoint}: its status, an agent's {@code mos say}
 * (through {@link AgentReplies}), and {@code mosaic fleet agent send} as the same operation as a
 * chat {@code send}.
 */
final class EndpointHandler implements LocalEndpoint.Handler {

    private final Supplier<JsonNode> status;
    private final AgentReplies replies;
    private final Application app;
    private final Supplier<Roster> roster;

    EndpointHandler(Supplier<JsonNode> status, AgentReplies replies, Application app, Supplier<Roster> roster) {
        this.status = status;
        this.replies = replies;
        this.app = app;
        this.roster = roster;
    }

    @Override
    public JsonNode status() {
        return status.get();
    }

    @Override
    public String say(String agent, String to, String text) {
        return replies.say(agent, to, text);
    }

    /**
     * {@code mosaic fleet agent send} run in the service (and agents' sends): the same operation
     * as a chat {@code send}, through the one fleet, so it waits for a person typing into the agent.
     * A local client holds the service's token file, so it acts as admin, under its own name.
     *
     * @return the room's conversation key in comms mode matrix; empty when typed into the pane
     */
    @Override
    public String send(String agent, String from, String text) {
        Outcome o = app.execute(Actor.local(from == null || from.isBlank() ? "cli:local"
                : from.contains(":") ? from : "agent:" + from), new Operation.Send(agent, text == null ? "" : text));
        if (o instanceof Outcome.Posted p) {
            return p.room();
        }
        Outcome.Sent sent = (Outcome.Sent) o;
        if (!sent.result().delivered()) {
            throw new FleetException("sent to " + agent + " but the text did not show up in its pane"
                    + " within 3 s");
        }
        return "";
    }

    @Override
    public String hostOf(String agent) {
        return RemoteAgentBridge.hostOf(roster, agent);
    }
}
