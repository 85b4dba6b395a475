package dev.mosaic.mos.cli.engine;

import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.cli.Render;
import dev.mosaic.fleet.FleetException;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.service.LocalClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mosaic fleet agent send NAME TEXT} ({@code -} reads stdin): the text arrives literally,
 * then Enter; "delivered" is printed only when the pane shows the text. While the service runs,
 * the send goes through it (one fleet engine per process, so it waits for a person typing into
 * the agent); in comms mode {@code matrix} through the agent's room, except for the orchestrator
 * agent, which has no room of its own.
 */
@Command(mixinStandardHelpOptions = true, description = "The text arrives literally, then Enter ('-' reads it from stdin).")
public final class AgentSendCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The agent.")
    String name;

    @Parameters(index = "1", paramLabel = "TEXT", description = "The text, or '-' for standard input.")
    String text;

    public AgentSendCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String body = text;
        if ("-".equals(text)) {
            try {
                body = new String(context.in().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new FleetException("cannot read the text from stdin: " + e.getMessage(), e);
            }
        }
        Optional<LocalClient> service = runningService();
        if (service.isPresent()) {
            return viaService(service.get(), body);
        }
        return Render.run(context, new Operation.Send(name, body));
    }

    /**
     * The running service for this roster, if any: a send goes through it, so its one fleet's
     * typing lease holds the text back while a person types into the agent from the web page, and
     * in comms mode matrix it goes through the agent's room.
     */
    private Optional<LocalClient> runningService() {
        if (context.rosterOverridden()) {
            return Optional.empty();
        }
        try {
            // an agent's sends carry its say-credential, so the service knows who sends (not the name it claims)
            return Optional.of(LocalClient.of(context.env().home(),
                    context.environment().get(dev.mosaic.fleet.engine.SayCredentials.ENV)));
        } catch (LocalClient.NotRunningException e) {
            return Optional.empty();
        }
    }

    private int viaService(LocalClient client, String body) {
        String agent = context.environment().get("MOSAIC_AGENT_NAME");
        // an agent speaks by its name; a person by the actor id (the service shows a principal's name)
        String from = agent != null && !agent.isBlank() ? agent : context.actor();
        String room;
        try {
            room = client.send(name, from, body);
        } catch (LocalClient.NotRunningException stale) {
            // a crashed service left its file behind: send from here
            return Render.run(context, new Operation.Send(name, body));
        }
        context.out().println("delivered to " + name + (room.isEmpty() ? "" : " through its room " + room));
        return 0;
    }
}
