package dev.mosaic.mos.cli.engine;

import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.app.Outcome;
import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.FleetException;
import dev.mosaic.mos.cli.CliContext;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mosaic fleet agent tail NAME [-n N] [--follow]}: the pane's recent output. */
@Command(mixinStandardHelpOptions = true)
public final class AgentTailCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The agent.")
    String name;

    @Option(names = {"-n", "--lines"}, defaultValue = "40", description = "How many lines (default ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new output until interrupted or the agent stops.")
    boolean follow;

    @Option(names = "--colour", description = "Keep ANSI colours.")
    boolean colour;

    public AgentTailCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Fleet fleet = context.fleet();
        // colour is a terminal's wish: the tail operation (as chat runs it) captures plain text
        String text = colour ? fleet.capture(name, lines, true)
                : ((Outcome.Tail) context.app().execute(context.person(), new Operation.Tail(name, lines))).text();
        context.out().print(text);
        context.out().flush();
        if (!follow) {
            return 0;
        }
        List<String> prev = text.lines().toList();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return 0;
            }
            List<String> cur;
            try {
                cur = fleet.capture(name, Math.max(lines, 200), colour).lines().toList();
            } catch (FleetException stopped) {
                context.err().println(stopped.getMessage());
                return 0;
            }
            for (String l : newLines(prev, cur)) {
                context.out().println(l);
            }
            context.out().flush();
            prev = cur;
        }
        return 0;
    }

    /** The lines of {@code cur} after the longest tail of {@code prev} it contains (the screen scrolls). */
    static List<String> newLines(List<String> prev, List<String> cur) {
        for (int k = Math.min(prev.size(), cur.size()); k > 0; k--) {
            List<String> tail = prev.subList(prev.size() - k, prev.size());
            for (int start = cur.size() - k; start >= 0; start--) {
                if (cur.subList(start, start + k).equals(tail)) {
                    return cur.subList(start + k, cur.size());
                }
            }
        }
        return cur;
    }
}
