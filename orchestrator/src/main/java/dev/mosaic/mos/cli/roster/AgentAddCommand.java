package dev.mosaic.mos.cli.roster;

import org.jspecify.annotations.Nullable;
import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.cli.Render;
import dev.mosaic.fleet.roster.AgentSpec;
import dev.mosaic.fleet.roster.Names;
import dev.mosaic.fleet.roster.RosterException;
import dev.mosaic.mos.cli.CliContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mosaic fleet agent add NAME}: adds an agent to the roster (comments and layout are kept). */
@Command(mixinStandardHelpOptions = true, description = "Comments and layout of the roster are kept.")
public final class AgentAddCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "Agent name: 1-40 of a-z 0-9 - _.")
    String name;

    @Option(names = "--runtime", paramLabel = "R", description = "Runtime profile (default: $MOSAIC_AGENT_RUNTIME or pi).")
    @Nullable String runtime;

    @Option(names = "--role", paramLabel = "ROLE", description = "Free-form role (default: agent).")
    @Nullable String role;

    @Option(names = "--workdir", paramLabel = "DIR", description = "Working directory (default: ~).")
    @Nullable String workdir;

    @Option(names = "--host", paramLabel = "HOST", description = "A host from hosts: (default: local).")
    @Nullable String host;

    @Option(names = "--command", paramLabel = "CMD", description = "Command line replacing the runtime's launch"
            + " command (split into words, never run by a shell).")
    @Nullable String command;

    public AgentAddCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return Render.run(context, new Operation.Add(name, runtime, role, host, workdir, command));
    }
}
