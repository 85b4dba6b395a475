package dev.mosaic.mos.testing;

import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.MosaicCli;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** One in-process run of the real mosaic CLI (no terminal): its exit code and what it printed. */
public record CliRun(int code, String out, String err) {

    /** The clock of {@link #inHome}: a fixed instant, so anything it stamps is stable. */
    public static final Instant FIXED_NOW = Instant.parse("2026-11-26T21:00:00Z");

    /** Runs {@code args} with exactly this environment, user home, clock, actor and standard input. */
    public static CliRun run(Map<String, String> environment, Path userHome, Clock clock, String actor, String stdin,
                             String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(environment, userHome, clock, false, actor,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
                new PrintWriter(err, true));
        int code = MosaicCli.run(context, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /**
     * Runs {@code args} as user alice with MOSAIC_HOME={@code home} (plus {@code extraEnv}), her
     * home directory under it and a fixed clock: the CLI against a temp MOSAIC_HOME and nothing else.
     */
    public static CliRun inHome(Path home, Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("MOSAIC_HOME", home.toString());
        env.put("USER", "alice");
        return run(env, home.resolve("user-home"), Clock.fixed(FIXED_NOW, ZoneOffset.UTC), "cli:alice", "", args);
    }

    /** {@link #inHome(Path, Map, String...)} with no extra environment. */
    public static CliRun inHome(Path home, String... args) {
        return inHome(home, Map.of(), args);
    }
}
