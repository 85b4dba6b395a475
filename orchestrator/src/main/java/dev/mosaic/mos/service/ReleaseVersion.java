package dev.mosaic.mos.service;

import org.jspecify.annotations.Nullable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which release of Mos runs, and which one is installed now. An installed release is a folder
 * {@code <version>/} with {@code bin/mosaic} and a {@code VERSION} file; its launcher exports
 * {@code MOSAIC_VERSION} and {@code MOSAIC_LAUNCHER} (the stable {@code ~/.local/bin/mosaic}
 * symlink). After {@code install.sh} points the symlink at a new release, the running service still
 * runs the old one: {@link #installedNow} follows the symlink today, so {@code mos status} can say
 * that a restart is due. Both are null when Mos runs from a source checkout.
 */
final class ReleaseVersion {

    private ReleaseVersion() {
    }

    /** The version this process was started from (its launcher said so), else what is installed now. */
    static String running(Map<String, String> environment) {
        String v = environment.get("MOSAIC_VERSION");
        return v != null && !v.isBlank() ? v.strip() : installedNow(environment);
    }

    /** The {@code VERSION} of the release the launcher symlink points at now, or null. */
    static @Nullable String installedNow(Map<String, String> environment) {
        String launcher = environment.get("MOSAIC_LAUNCHER");
        if (launcher == null || launcher.isBlank()) {
            return null;
        }
        try {
            Path bin = Path.of(launcher).toRealPath().getParent();
            if (bin == null || bin.getFileName() == null || !bin.getFileName().toString().equals("bin")
                    || bin.getParent() == null) {
                return null;
            }
            Path file = bin.getParent().resolve("VERSION");
            if (!Files.isRegularFile(file)) {
                return null;
            }
            String v = Files.readString(file, StandardCharsets.UTF_8).strip();
            return v.isEmpty() ? null : v.lines().findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null; // uninstalled meanwhile, or not a release: nothing to report
        }
    }
}
