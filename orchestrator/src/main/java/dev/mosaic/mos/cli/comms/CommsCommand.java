package dev.mosaic.mos.cli.comms;

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
@Command(name = "comms", mixinStandardHelpOptions = true,
        description = {"Show or switch how agents receive messages: tmux or matrix.",
                "tmux: 'fleet agent send' types straight into the agent's pane.",
                "matrix: each agent has its own Matrix room; what is posted there (by people, by other agents"
                        + " through 'fleet agent send') reaches the agent's pane, and its 'mos say' answers there."},
        footer = {"", "Examples:", "  mosaic fleet comms", "  mosaic fleet comms matrix", "  mosaic fleet comms tmux",
                "", "Exit codes: 0 shown or switched, 1 refused (no Matrix connector configured), 2 usage."})
public final class CommsCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODE", description = "tmux or matrix (omit to show the mode).")
    String mode;

    public CommsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        RosterStore store = context.rosterStore();
        if (mode == null) {
            Roster r = store.load();
            context.out().println("comms: " + r.fleet().comms().key() + " — " + explain(r.fleet().comms()));
            return MosaicCli.OK;
        }
        Comms wanted = parse(mode);
        Comms[] before = new Comms[1];
        try {
            store.update(doc -> {
                Roster now = store.load();
                before[0] = now.fleet().comms();
                if (wanted == Comms.MATRIX && !now.orchestrator().connectors().containsKey("matrix")) {
                    throw new RosterException("comms matrix needs a Matrix connector, and " + store.file()
                            + " has no orchestrator.connectors.matrix; add one first ('mosaic fleet init --connector"
                            + " matrix ...' or 'mosaic fleet config'), see docs/connectors/matrix.md");
                }
                doc.setComms(wanted);
            });
        } catch (RosterException e) {
            context.audit("fleet.comms", wanted.key(), "refused", Map.of("error", e.getMessage()));
            throw e;
        }
        boolean changed = before[0] != wanted;
        context.audit("fleet.comms", wanted.key(), changed ? "ok" : "unchanged", Map.of("from", before[0].key()));
        context.out().println((changed ? "comms switched from " + before[0].key() + " to " : "comms is already ")
                + wanted.key() + " — " + explain(wanted));
        if (changed && wanted == Comms.MATRIX) {
            context.out().println("The running service ('mosaic mos serve') creates one room per agent"
                    + " (#<fleet>-<agent>) and invites the operators and admins; switch back any time with"
                    + " 'mosaic fleet comms tmux'.");
        }
        return MosaicCli.OK;
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

    private static String explain(Comms c) {
        return c == Comms.MATRIX
                ? "agents get messages through their own Matrix room; 'mos say' answers there"
                : "agents get messages typed straight into their tmux pane";
    }
}
