package dev.mosaic.fleet.ssh;

import dev.mosaic.fleet.roster.HostSpec;
import java.nio.file.Path;
import java.util.Locale;

/** ssh's own error words turned into messages that name the host and say what to do. */
final class SshErrors {

    private SshErrors() {
    }

    static SshException unreachable(String host, String why) {
        return new SshException("host " + host + " unreachable: " + why);
    }

    static SshException failure(HostSpec spec, Path knownHosts, String stderr) {
        String s = stderr.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.contains("remote host identification has changed") || lower.contains("host key verification failed")
                || lower.contains("host key for") && lower.contains("has changed")) {
            return new SshException("host " + spec.name() + ": its ssh host key has changed since Mos first trusted"
                    + " it; if the change is expected, re-trust it with: ssh-keygen -R " + knownHostsName(spec) + " -f "
                    + knownHosts + " (the next connection trusts the new key)");
        }
        if (lower.contains("permission denied")) {
            return new SshException("host " + spec.name() + ": ssh login refused (" + lastLine(s) + "); check user"
                    + " and identityFile in the roster's hosts: block");
        }
        String line = lastLine(s);
        int colon = line.lastIndexOf(": ");
        String reason = colon >= 0 ? line.substring(colon + 2) : line;
        return unreachable(spec.name(), reason.isBlank() ? "ssh failed"
                : reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1));
    }

    /** True when ssh itself failed (exit 255 is also what a remote program may return). */
    static boolean isSshError(String stderr) {
        String l = stderr.toLowerCase(Locale.ROOT);
        return l.contains("ssh:") || l.contains("connection") || l.contains("host key") || l.contains("permission denied")
                || l.contains("broken pipe") || l.contains("timed out") || l.contains("could not resolve");
    }

    /** The name ssh-keygen -R needs: {@code host}, or {@code '[host]:port'} for another port. */
    private static String knownHostsName(HostSpec spec) {
        String host = spec.ssh().substring(spec.ssh().indexOf('@') + 1);
        return spec.port() == null || spec.port() == 22 ? host : "'[" + host + "]:" + spec.port() + "'";
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (!l.isEmpty() && !l.startsWith("Warning: Permanently added")) {
                return l;
            }
        }
        return "";
    }
}
