package dev.mosaic.mos.cli.engine;

import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mosaic fleet agent watch NAME}: attaches read-only through a grouped viewer session that
 * is removed afterwards, however the attach ends. Detach with the tmux prefix and {@code d}.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Watch an agent's terminal read-only (detach with the tmux prefix, then d).")
public final class AgentWatchCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The agent.")
    String name;

    public AgentWatchCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        int code = context.fleet().watch(name);
        if (code != 0) {
            context.err().println("error: tmux attach exited with status " + code
                    + (context.interactive() ? "" : " (watch needs a terminal)"));
            return 1;
        }
        return 0;
    }
}
