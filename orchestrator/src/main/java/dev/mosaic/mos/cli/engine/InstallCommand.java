package dev.mosaic.mos.cli.engine;

import org.jspecify.annotations.Nullable;
import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.engine.Launcher;
import dev.mosaic.fleet.roster.HostSpec;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.ssh.SshHost;
import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.engine.internal.ServiceEnvFile;
import dev.mosaic.mos.cli.engine.internal.SystemdUnits;
import dev.mosaic.fleet.roster.RosterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mosaic fleet install [--dry-run]}: writes the systemd user units ({@code mosaic-mos.service}
 * and the template {@code mosaic-agent@.service}) so the fleet survives logout and reboot, and creates
 * {@code $MOSAIC_HOME/mos.env} (mode 0600, an empty line per {@code ${env:NAME}} secret of the roster)
 * when absent: the units read it, so the service gets the tokens a login shell would export.
 * {@code mosaic fleet install --host H}: puts the agent launcher and heartbeat sidecar under
 * {@code ~/.local/share/mosaic/} on remote host H instead (idempotent).
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Write systemd user units for Mos and its agents (--dry-run prints them), and create",
                "$MOSAIC_HOME/mos.env (mode 0600) for the connector secrets when it does not exist.",
                "With --host H: install the agent launcher, heartbeat sidecar, harness hook and the agents' mosaic (for mos say) on remote host H instead."})
public final class InstallCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--dry-run", description = "Print the units instead of writing them.")
    boolean dryRun;

    @Option(names = "--launcher", description = "Absolute path of the mosaic launcher (default: $MOSAIC_LAUNCHER).")
    @Nullable Path launcher;

    @Option(names = "--host", paramLabel = "HOST", description = "A host of the roster's hosts: block to provision"
            + " (repeatable).")
    List<String> hosts = new ArrayList<>();

    public InstallCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (!hosts.isEmpty()) {
            return provision();
        }
        Path mosaic = launcher;
        if (mosaic == null) {
            String fromEnv = context.environment().get("MOSAIC_LAUNCHER");
            if (fromEnv == null || fromEnv.isBlank()) {
                throw new FleetException("cannot tell where the mosaic launcher is: run this through ./mosaic or"
                        + " pass --launcher /path/to/mosaic");
            }
            mosaic = Path.of(fromEnv);
        }
        SystemdUnits systemd = new SystemdUnits(SystemdUnits.unitDir(context.environment(), context.userHome()),
                new ProcessCommandRunner());
        Map<String, String> units = SystemdUnits.units(mosaic.toAbsolutePath(), context.env(), context.userHome());
        Path envFile = ServiceEnvFile.path(context.env());
        RosterStore store = context.rosterStore();
        Set<String> secrets = store.exists() ? ServiceEnvFile.referencedNames(store.load()) : Set.of();
        if (dryRun) {
            units.forEach((name, text) -> {
                context.out().println("# " + systemd.unitDir().resolve(name));
                context.out().println(text);
            });
            if (!Files.exists(envFile)) {
                context.out().println("# " + envFile + " (created when absent, mode 0600)");
                context.out().print(ServiceEnvFile.template(secrets));
            }
            return 0;
        }
        try {
            Files.createDirectories(systemd.unitDir());
            for (var u : units.entrySet()) {
                Files.writeString(systemd.unitDir().resolve(u.getKey()), u.getValue());
                context.out().println("wrote " + systemd.unitDir().resolve(u.getKey()));
            }
        } catch (IOException e) {
            throw new FleetException("cannot write systemd units to " + systemd.unitDir() + ": " + e.getMessage(), e);
        }
        if (ServiceEnvFile.createIfAbsent(envFile, secrets)) {
            context.out().println("wrote " + envFile + " (mode 0600)" + (secrets.isEmpty() ? ""
                    : ": put the values of " + String.join(", ", secrets) + " there"));
        } else {
            Map<String, String> set = ServiceEnvFile.read(envFile);
            List<String> missing = secrets.stream().filter(n -> set.getOrDefault(n, "").isEmpty()).toList();
            context.out().println("kept " + envFile + (missing.isEmpty() ? "" : "; it has no value yet for "
                    + String.join(", ", missing) + " (the service needs them)"));
        }
        String why = systemd.unavailableReason();
        if (why == null) {
            systemd.systemctl(List.of("daemon-reload"));
            context.out().println("next: systemctl --user enable --now " + SystemdUnits.MOS_UNIT
                    + "; then 'mosaic fleet start --systemd'; and 'loginctl enable-linger' to survive logout");
        } else {
            context.out().println("note: " + why + "; the units are written and take effect where systemd runs");
        }
        context.audit("fleet.install", systemd.unitDir().toString(), "ok", Map.of("units", List.copyOf(units.keySet())));
        return 0;
    }

    private int provision() {
        Roster roster = context.fleet().roster();
        for (String name : hosts) {
            HostSpec h = roster.hosts().get(name);
            if (h == null || h.isLocal()) {
                throw new FleetException("host '" + name + "' is not a remote host of the roster's hosts: block (known: "
                        + String.join(", ", roster.hosts().keySet()) + ")");
            }
            SshHost host = context.fleet().ssh().get(h);
            boolean wrote = host.provision(Launcher.kit(), Launcher.version());
            context.out().println("host " + name + ": launcher/heartbeat sidecar " + Launcher.version()
                    + (wrote ? " installed in " : " already in ") + host.layout().root());
            context.audit("fleet.install", name, "ok", Map.of("sidecar", Launcher.version(), "written", wrote));
        }
        return 0;
    }
}
