package dev.mosaic.mos.cli.comms;

import org.jspecify.annotations.Nullable;
import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.cli.Render;
import dev.mosaic.fleet.roster.Comms;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.roster.RosterException;
import dev.mosaic.fleet.roster.RosterStore;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.MosaicCli;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mosaic fleet comms [tmux|matrix]}: shows or switches how agents receive messages. The
 * mode lives in the roster ({@code fleet.comms}); the running service picks a switch up with the
 * roster reload. {@code matrix} needs {@code orchestrator.connectors.matrix}.
 */
@Command(mixinStandardHelpOptions = true,
        description = {"tmux: 'fleet agent send' types straight into the agent's pane.",
                "matrix: each agent has its own Matrix room; what is posted there (by people, by other agents"
                        + " through 'fleet agent send') reaches the agent's pane, and its 'mos say' answers there."},
        footer = {"", "Examples:", "  mosaic fleet comms", "  mosaic fleet comms matrix", "  mosaic fleet comms tmux",
                "", "Exit codes: 0 shown or switched, 1 refused (no Matrix connector configured), 2 usage."})
public final class CommsCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODE", description = "tmux or matrix (omit to show the mode).")
    @Nullable String mode;

    public CommsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return Render.run(context, new Operation.SetComms(mode == null ? null : parse(mode)));
    }

    private Comms parse(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        for (Comms c : Comms.values()) {
            if (c.key().equals(v)) {
                return c;
            }
        }
        throw new ParameterException(spec.commandLine(), "'" + value + "' is not a comms mode; use tmux or matrix");
    }
}
