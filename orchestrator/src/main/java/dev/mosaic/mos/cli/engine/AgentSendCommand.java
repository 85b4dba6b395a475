package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.ps.SendResult;
import dev.mosaic.fleet.roster.Comms;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.comms.CommsException;
import dev.mosaic.mos.service.LocalClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mosaic fleet agent send NAME TEXT} ({@code -} reads stdin): the text arrives literally,
 * then Enter; "delivered" is printed only when the pane shows the text. In comms mode
 * {@code matrix} the text goes through the agent's room instead (posted and delivered by the
 * running service), except for the orchestrator agent, which has no room of its own.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send text to an agent's terminal, literally, then Enter ('-' reads the text from stdin).")
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
        if (matrixComms()) {
            return viaRoom(body);
        }
        SendResult r = context.fleet().send(name, body);
        // the text itself may be sensitive: the audit keeps its size, not its words
        context.audit("agent.send", name, r.delivered() ? "delivered" : "not-seen",
                Map.of("chars", body.length(), "method", r.method()));
        if (!r.delivered()) {
            context.err().println("error: sent to " + name + " but the text did not show up in its pane within 3 s");
            return 1;
        }
        context.out().println("delivered to " + name + (r.removedControlChars() > 0
                ? " (" + r.removedControlChars() + " control characters dropped)" : ""));
        return 0;
    }

    private boolean matrixComms() {
        if (!context.rosterStore().exists()) {
            return false;
        }
        Roster r = context.fleet().roster(); // the service's fleet caches it; no YAML parse per send
        return r.fleet().comms() == Comms.MATRIX && !r.isOrchestrator(name);
    }

    private int viaRoom(String body) {
        String agent = context.environment().get("MOSAIC_AGENT_NAME");
        // an agent speaks by its name; a person by the actor id (the service shows a principal's name)
        String from = agent != null && !agent.isBlank() ? agent : context.actor();
        LocalClient client;
        try {
            client = LocalClient.of(context.env().home());
            String room = client.send(name, from, body);
            context.out().println("delivered to " + name + " through its room " + room);
            return 0;
        } catch (LocalClient.NotRunningException e) {
            throw new CommsException("matrix comms needs `mosaic mos serve` running; or switch back with"
                    + " `mosaic fleet comms tmux` (" + e.getMessage() + ")");
        }
    }
}
