package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.ps.StartReport;
import dev.mosaic.mos.cli.CliContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mosaic fleet agent start NAME}. */
@Command(name = "start", mixinStandardHelpOptions = true, description = "Start one agent (no-op when it runs).")
public final class AgentStartCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The agent.")
    String name;

    public AgentStartCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        StartReport r = context.fleet().start(List.of(name));
        boolean failed = Reports.print(context.out(), context.err(), r, context.env().tmuxSocket());
        context.audit("agent.start", name, failed ? "failed" : "ok",
                failed ? Map.of("error", r.failed().get(name)) : Map.of());
        return failed ? 1 : 0;
    }
}
