package dev.mosaic.mos.cli;

import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.app.Outcome;
import dev.mosaic.mos.app.OutcomeText;

/** The CLI door's one way to run an operation: through the application, rendered for a terminal. */
public final class Render {

    private Render() {
    }

    /** Runs {@code op} as the invocation's person, prints its outcome; returns the exit code (1: partly failed). */
    public static int run(CliContext context, Operation op) {
        return print(context, context.app().execute(context.person(), op));
    }

    /** Prints {@code o} (what went wrong on standard error); returns the exit code. */
    public static int print(CliContext context, Outcome o) {
        context.out().print(OutcomeText.text(o));
        context.err().print(OutcomeText.errors(o));
        context.out().flush();
        context.err().flush();
        return o.ok() ? MosaicCli.OK : MosaicCli.FAILURE;
    }
}
