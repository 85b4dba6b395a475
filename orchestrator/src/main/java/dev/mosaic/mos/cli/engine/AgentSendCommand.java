package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.ps.SendResult;
import dev.mosaic.mos.cli.CliContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mosaic fleet agent send NAME TEXT} ({@code -} reads stdin): the text arrives literally,
 * then Enter; "delivered" is printed only when the pane shows the text.
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
}
