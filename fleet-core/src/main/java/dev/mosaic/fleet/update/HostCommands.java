package dev.mosaic.fleet.update;

import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.exec.CommandRunner;
import dev.mosaic.fleet.roster.HostSpec;
import dev.mosaic.fleet.runtime.InstallSpec;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import dev.mosaic.fleet.ssh.SshHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a profile's install commands on a host: locally through the {@link CommandRunner}, on a
 * remote host over its ssh connection (argv shell-quoted there). Placeholders are filled per
 * argv element; a remote {@code ~/} prefix becomes a path relative to the login directory (the
 * home), since a quoted {@code ~} is not expanded.
 */
final class HostCommands {

    private final CommandRunner runner;
    private final SshHosts ssh;
    private final Path userHome;

    HostCommands(CommandRunner runner, SshHosts ssh, Path userHome) {
        this.runner = runner;
        this.ssh = ssh;
        this.userHome = userHome;
    }

    /** The placeholder values for {@code profile} on {@code host} ({@code version} may be null). */
    Map<String, String> values(RuntimeProfile profile, HostSpec host, String version) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("runtime", profile.name());
        InstallSpec in = profile.install();
        String prefix = null;
        if (in.prefix() != null) {
            if (host.isLocal()) {
                prefix = in.prefixPath(userHome, profile.name()).toString();
            } else {
                String p = in.prefix().replace("{runtime}", profile.name());
                prefix = p.equals("~") ? "." : p.startsWith("~/") ? p.substring(2) : p;
            }
            v.put("prefix", prefix);
            if (in.bin() != null) {
                v.put("bin", prefix + "/" + in.bin());
            }
        }
        if (!v.containsKey("bin")) {
            v.put("bin", profile.executable());
        }
        if (version != null) {
            v.put("version", version);
        }
        return v;
    }

    /** True when the profile's binary in the prefix is absent on a local host (no need to ask it its version). */
    boolean binMissingLocally(RuntimeProfile profile, HostSpec host) {
        Path bin = profile.install().binPath(userHome, profile.name());
        return host.isLocal() && bin != null && !Files.isExecutable(bin);
    }

    CommandResult run(HostSpec host, List<String> argv, Duration timeout) {
        return host.isLocal() ? runner.run(argv, null, timeout) : ssh.get(host).run(argv, null, timeout);
    }
}
