package dev.mosaic.mos.cli.engine;

import org.jspecify.annotations.Nullable;
import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.heartbeat.HeartbeatFiles;
import dev.mosaic.fleet.roster.Names;
import dev.mosaic.fleet.FleetException;
import dev.mosaic.mos.cli.CliContext;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mosaic fleet heartbeat NAME --status S [--activity idle|working|waiting]}: a native beat
 * from a runtime's hooks, written into the same file the launcher's sidecar keeps. Not audited:
 * hooks beat constantly and a beat changes nothing but liveness.
 */
@Command(name = "heartbeat", mixinStandardHelpOptions = true,
        description = "Write a native heartbeat for an agent (for a runtime's hooks).")
public final class HeartbeatCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The agent.")
    String name;

    @Option(names = "--status", required = true, description = "One word, e.g. ok, busy, error.")
    @Nullable String status;

    @Option(names = "--activity", description = "idle, working or waiting.")
    @Nullable String activity;

    @Option(names = "--pid", description = "The agent's pid (default: the one in its heartbeat file, else the caller's).")
    @Nullable Long pid;

    public HeartbeatCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (!Names.isValid(name)) {
            throw new FleetException("agent name '" + name + "' is invalid");
        }
        Fleet fleet = context.fleet();
        HeartbeatFiles files = fleet.heartbeats();
        long p = pid != null ? pid : files.read(name).pid() != null ? files.read(name).pid()
                : ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(ProcessHandle.current().pid());
        files.write(name, p, status, activity);
        return 0;
    }
}
