package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.ps.PsJson;
import dev.mosaic.mos.app.Outcome;
import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.cli.Render;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mosaic fleet ps [--json]}: every agent with state and heartbeat, in one tmux call per host. */
@Command(mixinStandardHelpOptions = true, description = "--json prints the mosaic.fleet.ps/v1 contract.")
public final class PsCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--json", description = "Print the mosaic.fleet.ps/v1 JSON document.")
    boolean json;

    public PsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Outcome.Fleet o = (Outcome.Fleet) context.app().execute(context.person(), new Operation.Ps());
        if (json) {
            context.out().println(PsJson.write(o.snapshot()));
            return 0;
        }
        return Render.print(context, o);
    }
}
