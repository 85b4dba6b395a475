package dev.mosaic.fleet.ssh;

import dev.mosaic.fleet.exec.CommandRunner;
import dev.mosaic.fleet.roster.HostSpec;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process's ssh connections, one {@link SshHost} per roster host (a changed host entry gets a
 * fresh one). Shared by every {@code Fleet} of a process, so the service's engines use one
 * connection per host between them.
 */
public final class SshHosts implements AutoCloseable {

    private final SshSettings settings;
    private final CommandRunner runner;
    private final Map<HostSpec, SshHost> hosts = new ConcurrentHashMap<>();
    private volatile ServiceBridge bridge;

    public SshHosts(SshSettings settings, CommandRunner runner) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    public SshSettings settings() {
        return settings;
    }

    /** Remote agents answer through {@code bridge}; connections opened from now on carry it. */
    public void bridge(ServiceBridge bridge) {
        this.bridge = bridge;
    }

    /** The connection of a remote host (not opened until first used). */
    public SshHost get(HostSpec spec) {
        return hosts.computeIfAbsent(spec, s -> new SshHost(s, settings, runner, () -> bridge));
    }

    @Override
    public void close() {
        hosts.values().forEach(SshHost::close);
        hosts.clear();
        if (java.nio.file.Files.isDirectory(settings.fallbackDir())) {
            // the short /tmp fallback: removed once no master (a CLI's persists a while) keeps a socket in it
            try {
                java.nio.file.Files.deleteIfExists(settings.fallbackDir());
            } catch (java.io.IOException e) {
                // still in use
            }
        }
    }
}
