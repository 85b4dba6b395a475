package dev.mosaic.mos.harness;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pinned real harness binaries, installed from npm by {@code .ci/run} into
 * {@code $MOSAIC_HARNESS_CACHE} (default {@code ~/.cache/mosaic-harnesses}). A missing binary
 * fails the test that needs it — never a silent skip.
 */
public final class HarnessBinaries {

    public static final String CLAUDE = "claude-2.1.328";
    public static final String PI = "pi-0.73.1";
    public static final String CODEX = "codex-0.169.0";

    private HarnessBinaries() {
    }

    public static Path cache() {
        String env = System.getenv("MOSAIC_HARNESS_CACHE");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "mosaic-harnesses");
    }

    /** {@code claude}, {@code pi} or {@code codex} of the pinned version. */
    public static Path binary(String pinned, String bin) {
        Path p = cache().resolve(pinned).resolve("node_modules").resolve(".bin").resolve(bin);
        if (!Files.isExecutable(p)) {
            fail("the pinned harness " + pinned + " is not installed at " + p
                    + "; run .ci/run (it installs the harnesses from npm into $MOSAIC_HARNESS_CACHE)");
        }
        return p;
    }

    public static Path claude() {
        return binary(CLAUDE, "claude");
    }

    public static Path pi() {
        return binary(PI, "pi");
    }

    public static Path codex() {
        return binary(CODEX, "codex");
    }
}
