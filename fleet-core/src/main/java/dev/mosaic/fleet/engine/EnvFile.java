package dev.mosaic.fleet.engine;

import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.ssh.SshHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An agent's environment on its way to the launcher: values (secrets among them) must never sit
 * on a command line, where {@code ps} shows them to every local user. Mos writes them to a file
 * (mode 0600, in the 0700 directory {@code env/} under the run dir; on a remote host through the ssh
 * connection's standard input), passes only the file's path ({@code MOSAIC_ENV_FILE}), and the
 * launcher reads it as data and deletes it before the agent's command starts.
 *
 * <p>Format: one {@code NAME=VALUE} line per variable; in values a backslash is written {@code \\}
 * and a newline {@code \n}, nothing else is escaped (the launcher undoes exactly that with
 * {@code printf %b}).
 */
public final class EnvFile {

    /** The variable naming the file, the only environment that goes to tmux. */
    public static final String VAR = "MOSAIC_ENV_FILE";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String WRITE_REMOTE =
            "umask 077 && mkdir -p \"$1\" && chmod 700 \"$1\" && cat >\"$2\"";

    private EnvFile() {
    }

    /** The file's content for {@code env} (names are already checked by {@link LaunchPlan}). */
    public static String encode(String agent, Map<String, String> env) {
        StringBuilder b = new StringBuilder();
        env.forEach((k, v) -> {
            if (v.indexOf('\0') >= 0) {
                throw new FleetException("agent '" + agent + "': the value of environment variable " + k
                        + " contains a NUL character, which no environment can hold");
            }
            b.append(k).append('=').append(v.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        });
        return b.toString();
    }

    /** A fresh file name for {@code agent} (a random part, so two starts never share one). */
    static String name(String agent) {
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        return agent + "." + HexFormat.of().formatHex(r) + ".env";
    }

    /** A file older than this was never read (a launcher that did not run): it is removed. */
    static final Duration STALE = Duration.ofMinutes(10);

    /** Writes the file for a local agent under {@code runDir/env} and returns its path. */
    public static Path writeLocal(Path runDir, String agent, String content) {
        Path dir = privateDir(runDir.resolve("env"));
        sweep(dir);
        Path file = dir.resolve(name(agent));
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new FleetException("agent '" + agent + "': cannot write its environment file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Writes the file for an agent on a remote host under {@code remoteRunDir/env}: the content goes
     * over the ssh connection's standard input, never into the remote command; returns its path.
     */
    public static String writeRemote(SshHost host, String remoteRunDir, String agent, String content) {
        String dir = remoteRunDir + "/env";
        String file = dir + "/" + name(agent);
        CommandResult r = host.run(List.of("sh", "-c", WRITE_REMOTE, "mosaic-env-file", dir, file), content,
                Duration.ofSeconds(15));
        if (!r.ok()) {
            throw new FleetException("agent '" + agent + "': cannot write its environment file " + file + " on host "
                    + host.spec().name() + ": " + r.stderr().strip());
        }
        return file;
    }

    private static void sweep(Path dir) {
        long cutoff = System.currentTimeMillis() - STALE.toMillis();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".env")).toList()) {
                try {
                    if (Files.getLastModifiedTime(f).toMillis() < cutoff) {
                        Files.deleteIfExists(f);
                    }
                } catch (IOException gone) {
                    // removed meanwhile by its launcher
                }
            }
        } catch (IOException e) {
            // a sweep is housekeeping; writing the new file reports real trouble
        }
    }

    /** Removes a file the launcher never read (its session was not created); best effort. */
    static void discard(SshHost host, String file) {
        try {
            if (host == null) {
                Files.deleteIfExists(Path.of(file));
            } else {
                host.run(List.of("rm", "-f", "--", file), null, Duration.ofSeconds(15));
            }
        } catch (IOException | RuntimeException e) {
            // the file is 0600 in a 0700 directory; the next start of the agent does not need it
        }
    }

    /** Creates {@code dir} when needed and makes it 0700 (only this user may list or enter it). */
    static Path privateDir(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            return dir;
        } catch (IOException e) {
            throw new FleetException("cannot create the private directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
