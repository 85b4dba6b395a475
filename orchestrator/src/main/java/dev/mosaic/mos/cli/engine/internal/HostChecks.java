package dev.mosaic.mos.cli.engine.internal;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.engine.Launcher;
import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.roster.HostSpec;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.fleet.ssh.RemoteLayout;
import dev.mosaic.fleet.ssh.SshHost;
import dev.mosaic.fleet.ssh.SshHosts;
import dev.mosaic.mos.cli.engine.internal.Checks.Check;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fleet verify} for each remote host of the roster: reachable over ssh (host key trusted,
 * login accepted), tmux there, its run dir writable, the launcher/heartbeat sidecar installed at
 * this version. Runtimes on PATH are checked per agent with the local ones.
 */
final class HostChecks {

    private static final String RUN_DIR_WRITABLE = "mkdir -p \"$1\" && t=\"$1/.mosaic-verify.$$\" && : > \"$t\""
            + " && rm -f \"$t\"";

    private HostChecks() {
    }

    static List<Check> run(Roster roster, SshHosts ssh) {
        List<Check> out = new ArrayList<>();
        for (HostSpec h : roster.hosts().values()) {
            if (h.isLocal()) {
                continue;
            }
            String on = " on host " + h.name();
            SshHost host = ssh.get(h);
            RemoteLayout layout;
            try {
                layout = host.layout();
            } catch (MosaicException e) {
                out.add(new Check("fail", e.getMessage(), "check the host's ssh, port, user and identityFile in the"
                        + " roster, and that 'ssh " + h.ssh() + "' works without a prompt"));
                continue;
            }
            out.add(new Check("ok", "host " + h.name() + " reachable over ssh (" + h.ssh() + ")", null));
            out.add(layout.tmuxVersion() != null ? new Check("ok", layout.tmuxVersion() + on, null)
                    : new Check("fail", "tmux is not installed" + on, "install tmux there (apt install tmux)"));
            try {
                CommandResult r = host.run(List.of("sh", "-c", RUN_DIR_WRITABLE, "mosaic-verify", layout.runDir()),
                        null, Duration.ofSeconds(5));
                out.add(r.ok() ? new Check("ok", "run dir " + layout.runDir() + " is writable" + on, null)
                        : new Check("fail", "run dir " + layout.runDir() + " is not writable" + on + ": "
                        + r.stderr().strip(), "fix its permissions there"));
            } catch (MosaicException e) {
                out.add(new Check("fail", e.getMessage(), null));
            }
            String want = Launcher.version();
            out.add(want.equals(layout.sidecarVersion())
                    ? new Check("ok", "launcher/heartbeat sidecar " + want + " installed" + on, null)
                    : new Check("fail", "launcher/heartbeat sidecar" + on + " is "
                    + (layout.sidecarVersion() == null ? "not installed" : "version " + layout.sidecarVersion()
                    + ", not " + want), "run 'mosaic fleet install --host " + h.name() + "' (or 'mosaic fleet start',"
                    + " which installs it)"));
        }
        return out;
    }
}
