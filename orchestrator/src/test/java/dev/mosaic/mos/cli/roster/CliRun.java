package dev.mosaic.mos.cli.roster;

import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.MosaicCli;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Runs the real CLI in-process, without a terminal, with MOSAIC_HOME in a temp directory. */
record CliRun(int code, String out, String err) {

    static CliRun run(Path home, Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("MOSAIC_HOME", home.toString());
        env.put("USER", "alice");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(env, home.resolve("user-home"),
                Clock.fixed(Instant.parse("2026-11-26T21:00:00Z"), ZoneOffset.UTC), false, "cli:alice",
                new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(err, true));
        int code = MosaicCli.run(context, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    static CliRun run(Path home, String... args) {
        return run(home, Map.of(), args);
    }
}
