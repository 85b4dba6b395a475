package dev.mosaic.mos.cli.service;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.ps.StartReport;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.MosaicCli;
import dev.mosaic.mos.service.MosService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code mosaic up}: the one command of a fresh clone. Creates the demo fleet (the same code path
 * as {@code fleet init --preset demo --yes}) unless a roster exists, starts it, and serves Mos on
 * this terminal.
 */
@Command(name = "up", mixinStandardHelpOptions = true, description = {
        "Create a demo fleet unless a roster exists, start it and serve Mos on this terminal.",
        "State goes to $MOSAIC_HOME, or to <repo>/.mosaic-up/ when MOSAIC_HOME is not set."},
        footer = {"", "Exit codes: 0 stopped cleanly, 1 failure, 2 usage."})
public final class UpCommand implements Callable<Integer> {

    private final CliContext context;

    public UpCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        CliContext up = withHome(context);
        PrintWriter out = up.out();
        Path roster = up.env().roster();
        if (up.rosterStore().exists()) {
            out.println("Using the existing fleet in " + roster);
        } else {
            out.println("Creating a demo fleet (plain programs that echo; no AI needed) in " + up.env().home());
            int code = MosaicCli.run(up, "fleet", "init", "--preset", "demo", "--yes");
            if (code != MosaicCli.OK) {
                throw new MosaicException("could not create the demo fleet (fleet init exited " + code + ")");
            }
        }
        out.flush();
        return ServeCommand.serve(up, true, service -> startFleet(service, out));
    }

    private static void startFleet(MosService service, PrintWriter out) {
        StartReport report = service.fleet().start(List.of());
        out.println("Fleet '" + service.roster().fleet().name() + "': started " + report.started()
                + (report.alreadyRunning().isEmpty() ? "" : ", already running " + report.alreadyRunning())
                + (report.failed().isEmpty() ? "" : ", FAILED " + report.failed()));
        out.println();
        out.println("Talk to Mos here: type `ps`, `help`, or free text for the orchestrator ("
                + service.roster().orchestrator().agent().name() + "). Ctrl-D stops Mos (the agents keep running;"
                + " 'mosaic fleet stop' stops them).");
        out.println("Watch an agent: MOSAIC_HOME=" + service.env().home() + " mosaic fleet agent watch "
                + service.roster().orchestrator().agent().name());
        out.flush();
    }

    /** The context with MOSAIC_HOME set: as given, else {@code <repo>/.mosaic-up} beside the launcher. */
    static CliContext withHome(CliContext context) {
        Map<String, String> env = context.environment();
        if (env.get("MOSAIC_HOME") != null && !env.get("MOSAIC_HOME").isBlank()) {
            return context;
        }
        String launcher = env.get("MOSAIC_LAUNCHER");
        if (launcher == null || launcher.isBlank()) {
            throw new MosaicException("'up' needs MOSAIC_HOME, or to be run as ./mosaic up from the repository"
                    + " (the launcher sets MOSAIC_LAUNCHER)");
        }
        Path home = Path.of(launcher).toAbsolutePath().getParent().resolve(".mosaic-up");
        Map<String, String> next = new HashMap<>(env);
        next.put("MOSAIC_HOME", home.toString());
        return new CliContext(next, context.userHome(), context.clock(), context.interactive(), context.actor(),
                context.in(), context.out(), context.err());
    }
}
