package dev.mosaic.fleet.ssh;

import dev.mosaic.fleet.FleetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where and how Mos keeps its ssh connections.
 *
 * @param dir Mos's private ssh directory ({@code $MOSAIC_HOME/ssh}, mode 0700): known_hosts and logs
 * @param controlDir where the control sockets live ({@code dir/cm}); a host whose socket path
 *     there would be too long for a unix socket (~104 bytes) gets {@link #fallbackDir()} instead
 * @param userHome expands {@code ~/} in identity files
 * @param role {@code cli} or {@code svc}: the service keeps its own masters (they carry its
 *     reverse forward and close with it); CLI runs share theirs, which persist for a while
 * @param connectTimeout how long a connect may take before the host is reported unreachable
 * @param callTimeout how long a quick remote call (ps, a check) may take
 * @param persist ssh's {@code ControlPersist} value for masters ({@code yes} or a duration like {@code 10m})
 * @param closeOnExit end the masters when this process closes its fleet
 * @param keepChannels keep a long-lived remote session per host for {@code ps} (the service: a
 *     warm ps is then a line written and read; a one-shot CLI run makes one call instead)
 */
public record SshSettings(Path dir, Path controlDir, Path userHome, String role, Duration connectTimeout,
                          Duration callTimeout, String persist, boolean closeOnExit, boolean keepChannels) {

    /** Unix socket paths are limited to 108 bytes on Linux (104 on BSD); ssh adds a 17-byte suffix while creating one. */
    static final int MAX_SOCKET_PATH = 104 - 17;

    public SshSettings {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(controlDir, "controlDir");
        Objects.requireNonNull(userHome, "userHome");
        if (!role.matches("[a-z]{1,8}")) {
            throw new IllegalArgumentException("role must be a short word, was " + role);
        }
    }

    /** The CLI's settings: masters persist 10 minutes, so a following command finds them warm. */
    public static SshSettings cli(Path mosaicHome, Path userHome) {
        Path dir = mosaicHome.resolve("ssh");
        return new SshSettings(dir, dir.resolve("cm"), userHome, "cli", Duration.ofSeconds(2), Duration.ofSeconds(2),
                "10m", false, false);
    }

    /** The service's settings: its masters live as long as it does. */
    public static SshSettings service(Path mosaicHome, Path userHome) {
        Path dir = mosaicHome.resolve("ssh");
        return new SshSettings(dir, dir.resolve("cm"), userHome, "svc", Duration.ofSeconds(2), Duration.ofSeconds(2),
                "yes", true, true);
    }

    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** The control socket of a host's master (its directory created 0700 on first use). */
    Path controlSocket(String host) {
        Path socket = controlDir.resolve(role + "-" + host);
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            socket = fallbackDir().resolve(role + "-" + host);
        }
        try {
            for (Path d : new Path[] {dir, socket.getParent()}) {
                if (!Files.isDirectory(d)) {
                    Files.createDirectories(d);
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
                }
            }
        } catch (IOException e) {
            throw new FleetException("cannot create Mos's ssh directory " + socket.getParent() + ": " + e.getMessage(), e);
        }
        return socket;
    }

    String expandHome(String path) {
        if (path.equals("~")) {
            return userHome.toString();
        }
        return path.startsWith("~/") ? userHome.resolve(path.substring(2)).toString() : path;
    }

    /** A short directory private to this {@code MOSAIC_HOME}: {@code /tmp/mosaic-ssh-<hash of dir>}. */
    Path fallbackDir() {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(dir.toString().getBytes(StandardCharsets.UTF_8));
            return Path.of(System.getProperty("java.io.tmpdir"), "mosaic-ssh-" + HexFormat.of().formatHex(h, 0, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
