package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.engine.internal.Checks;
import dev.mosaic.mos.cli.engine.internal.Checks.Check;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code mosaic fleet verify}: tmux present and new enough, each runtime's command on PATH, run dir
 * writable, roster valid, secrets files 0600, heartbeats fresh, linger. A line per check; exit 1 on
 * any fail.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check that the fleet can run: tmux, runtimes, run dir, roster, secrets, heartbeats, linger.")
public final class VerifyCommand implements Callable<Integer> {

    private final CliContext context;

    public VerifyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<Check> checks = new Checks(context.env(), new ProcessCommandRunner(), context.environment(),
                context.userHome()).run(context.fleet());
        for (Check c : checks) {
            context.out().printf("%-5s %s%n", c.level(), c.what());
            if (c.hint() != null) {
                context.out().println("      fix: " + c.hint());
            }
        }
        long fails = checks.stream().filter(c -> c.level().equals("fail")).count();
        long warns = checks.stream().filter(c -> c.level().equals("warn")).count();
        context.out().println(fails == 0 ? "verify: ok" + (warns > 0 ? " (" + warns + " warnings)" : "")
                : "verify: " + fails + " failed, " + warns + " warnings");
        return fails == 0 ? 0 : 1;
    }
}
