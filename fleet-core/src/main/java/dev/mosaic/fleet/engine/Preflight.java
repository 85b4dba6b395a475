package dev.mosaic.fleet.engine;

import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.exec.CommandRunner;
import dev.mosaic.fleet.ssh.SshHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Checks made before an agent starts, so a mistake is a clear message rather than a dead pane. */
public final class Preflight {

    /** A fixed script; the executable name is passed as {@code $1}, never spliced into the text. */
    private static final String COMMAND_V = "command -v \"$1\"";

    private Preflight() {
    }

    /** True when {@code executable} resolves on PATH (or is an executable path) on that host. */
    public static boolean onPath(CommandRunner runner, SshHost host, String executable) {
        if (host == null && executable.contains("/")) {
            return Files.isExecutable(Path.of(executable));
        }
        List<String> argv = List.of("sh", "-c", COMMAND_V, "mosaic-preflight", executable);
        CommandResult r = host != null ? host.run(argv, null, Duration.ofSeconds(15))
                : runner.run(argv, null, Duration.ofSeconds(15));
        return r.ok() && !r.stdout().isBlank();
    }

    /** Creates the run dir when needed and fails clearly when it cannot be written. */
    public static void requireWritableDir(Path dir, String what) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new FleetException(what + " " + dir + " cannot be created: " + e.getMessage());
        }
        if (!Files.isWritable(dir)) {
            throw new FleetException(what + " " + dir + " is not writable; fix its permissions (chmod u+w)");
        }
    }

    /** A local working directory must exist before tmux is asked to start in it. */
    public static void requireWorkdir(String agent, String workdir) {
        if (workdir != null && !Files.isDirectory(Path.of(workdir))) {
            throw new FleetException("agent '" + agent + "': working directory " + workdir + " does not exist");
        }
    }
}
