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

    public static void main(String[] args) {
        CliContext context = CliContext.system(System.getenv(), Path.of(System.getProperty("user.home")),
                Clock.systemUTC(), System.console() != null);
        int code = MosaicCli.run(context, args);
        System.exit(code);
    }
}
