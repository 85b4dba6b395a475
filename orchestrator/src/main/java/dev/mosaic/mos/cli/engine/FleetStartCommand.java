package dev.mosaic.mos.cli.engine;

import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.app.Outcome;
import dev.mosaic.mos.cli.Render;
import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.fleet.ps.AgentState;
import dev.mosaic.fleet.ps.AgentStatus;
import dev.mosaic.fleet.ps.StartReport;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.engine.internal.SystemdUnits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mosaic fleet start [agent...]}: with no names, starts what the roster has and tmux lacks,
 * leaves running agents alone and reports drift both ways.
 */
@Command(mixinStandardHelpOptions = true, description = "With no AGENT: every agent that is not running.")
public final class FleetStartCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(paramLabel = "AGENT", arity = "0..*", description = "Agents to start (default: all not running).")
    List<String> agents = new ArrayList<>();

    @Option(names = "--systemd", description = "Start through the systemd user units (see 'mosaic fleet install').")
    boolean systemd;

    public FleetStartCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (systemd) {
            return viaSystemd();
        }
        Outcome o = context.app().execute(context.person(), new Operation.Start(agents));
        if (context.interactive() && !((Outcome.Started) o).report().started().isEmpty()) {
            context.err().println(); // ends the progress line
        }
        return Render.print(context, o);
    }

    private int viaSystemd() {
        SystemdUnits units = new SystemdUnits(SystemdUnits.unitDir(context.environment(), context.userHome()),
                new ProcessCommandRunner());
        if (!units.installed()) {
            throw new FleetException("the systemd units are not installed in " + units.unitDir()
                    + "; run 'mosaic fleet install' first");
        }
        String why = units.unavailableReason();
        if (why != null) {
            throw new FleetException(why + " (run 'mosaic fleet start' without --systemd instead)");
        }
        List<String> names = new ArrayList<>(agents);
        if (names.isEmpty()) {
            for (AgentStatus a : context.fleet().ps().agents()) {
                if (a.managed() && a.state() != AgentState.RUNNING) {
                    names.add(a.name());
                }
            }
        }
        for (String n : names) {
            context.fleet().status(n);
            units.systemctl(List.of("start", "mosaic-agent@" + n + ".service"));
            context.out().println("started through systemd: mosaic-agent@" + n + ".service");
        }
        context.audit("fleet.start", String.join(",", names), "ok", Map.of("via", "systemd"));
        return 0;
    }
}
