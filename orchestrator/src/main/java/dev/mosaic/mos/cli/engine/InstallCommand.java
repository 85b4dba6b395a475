package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.engine.internal.SystemdUnits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mosaic fleet install [--dry-run]}: writes the systemd user units ({@code mosaic-mos.service}
 * and the template {@code mosaic-agent@.service}) so the fleet survives logout and reboot.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Write systemd user units for Mos and its agents (--dry-run prints them).")
public final class InstallCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--dry-run", description = "Print the units instead of writing them.")
    boolean dryRun;

    @Option(names = "--launcher", description = "Absolute path of the mosaic launcher (default: $MOSAIC_LAUNCHER).")
    Path launcher;

    public InstallCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
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
        Map<String, String> units = SystemdUnits.units(mosaic.toAbsolutePath(), context.env());
        if (dryRun) {
            units.forEach((name, text) -> {
                context.out().println("# " + systemd.unitDir().resolve(name));
                context.out().println(text);
            });
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
}
