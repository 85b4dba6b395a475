package dev.mosaic.fleet.engine;

import dev.mosaic.fleet.FleetException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * The fixed launcher script every agent runs under (it starts the heartbeat sidecar and then
 * {@code exec}s the agent's command). Shipped as a resource and written to
 * {@code $MOSAIC_HOME/fleet/bin/mosaic-agent-launch} with mode 0755, rewritten only when its
 * content differs.
 */
public final class Launcher {

    static final String RESOURCE = "/mosaic/mosaic-agent-launch";
    /** The hook script harnesses call to report their state (shipped next to the launcher). */
    public static final String HOOK_RESOURCE = "/mosaic/mosaic-agent-hook";
    /** The {@code mosaic} a remote host's agents run: {@code mos say} over the forwarded port, no Java needed. */
    static final String REMOTE_MOSAIC_RESOURCE = "/mosaic/mosaic-remote";

    private Launcher() {
    }

    public static Path path(Path mosaicHome) {
        return mosaicHome.resolve("fleet").resolve("bin").resolve("mosaic-agent-launch");
    }

    /** Ensures the launcher is in place and returns its path. */
    public static Path install(Path mosaicHome) {
        return install(path(mosaicHome), content(), true);
    }

    /**
     * Writes {@code content} to {@code target} (mode 0755 when {@code executable}, else 0644) unless it
     * is there already, atomically; for the launcher and the other files Mos ships to agents.
     */
    public static Path install(Path target, byte[] content, boolean executable) {
        String mode = executable ? "rwxr-xr-x" : "rw-r--r--";
        try {
            if (!Files.isRegularFile(target) || !Arrays.equals(Files.readAllBytes(target), content)) {
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), ".mosaic-agent-launch", ".tmp");
                Files.write(tmp, content);
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(mode));
                Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } else if (executable && !Files.isExecutable(target)) {
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(mode));
            }
            return target;
        } catch (IOException e) {
            throw new FleetException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** A file shipped in fleet-core's resources (the launcher, the hook, the pi extension). */
    public static byte[] resource(String name) {
        try (InputStream in = Launcher.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new FleetException("the resource " + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new FleetException("cannot read the resource " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * What a remote host needs for its agents, by path under {@code ~/.local/share/mosaic}: the
     * launcher (with its heartbeat sidecar), the harness hook and the agents' {@code mosaic} (for
     * {@code mos say}), all executable.
     */
    public static java.util.Map<String, byte[]> kit() {
        java.util.Map<String, byte[]> kit = new java.util.LinkedHashMap<>();
        kit.put("bin/mosaic-agent-launch", content());
        kit.put("bin/mosaic-agent-hook", resource(HOOK_RESOURCE));
        kit.put("bin/mosaic", resource(REMOTE_MOSAIC_RESOURCE));
        return kit;
    }

    /**
     * The version of the {@link #kit()}: the first 12 hex digits of the SHA-256 over its files (what
     * remote hosts record; a change to any of them is installed again).
     */
    public static String version() {
        try {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            kit().values().forEach(d::update);
            return java.util.HexFormat.of().formatHex(d.digest(), 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The launcher script's bytes as shipped. */
    public static byte[] content() {
        try (InputStream in = Launcher.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new FleetException("the launcher resource " + RESOURCE + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new FleetException("cannot read the launcher resource: " + e.getMessage(), e);
        }
    }
}
