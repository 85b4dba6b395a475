package dev.mosaic.mos.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * A {@code mosaic} command tree built once and run many times, for the service's chat verbs:
 * building the picocli tree costs several milliseconds, more than most verbs themselves.
 *
 * <p>Not thread-safe: picocli keeps parse state in the tree, so each thread needs its own
 * instance (the chat executor keeps one per thread). Picocli resets every option and parameter
 * to its initial value before each parse, so one run's arguments never leak into the next.
 */
public final class ReusableCli {

    private final CliContext context;
    private final CommandLine commandLine;

    /** @param base the context whose environment, clock and shared fleet every run uses */
    public ReusableCli(CliContext base) {
        this.context = base.with(base.actor(), InputStream.nullInputStream(), base.out(), base.err(), false);
        this.commandLine = MosaicCli.commandLine(context);
    }

    /** Runs {@code argv} as {@code actor}, printing to {@code out}/{@code err}; returns the exit code. */
    public int run(String actor, PrintWriter out, PrintWriter err, List<String> argv) {
        context.rebind(actor, InputStream.nullInputStream(), out, err);
        commandLine.setOut(out);
        commandLine.setErr(err);
        int code = commandLine.execute(argv.toArray(String[]::new));
        out.flush();
        err.flush();
        return code;
    }
}
