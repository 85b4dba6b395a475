package dev.mosaic.mos;

import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.MosaicCli;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Entry point of the {@code mosaic} launcher. The only place (with the CLI edge it builds) that
 * reads the process environment and calls {@link System#exit}.
 */
public final class Main {

    private Main() {
    }

    /**
     * A person at a terminal: stdin and stdout both terminals. Java 22+ returns a console even when
     * redirected and says so with {@code Console.isTerminal()} (absent in 17, hence reflection).
     */
    static boolean terminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException olderJava) {
            return true;
        }
    }

    public static void main(String[] args) {
        CliContext context = CliContext.system(System.getenv(), Path.of(System.getProperty("user.home")),
                Clock.systemUTC(), terminal());
        int code = MosaicCli.run(context, args);
        System.exit(code);
    }
}
