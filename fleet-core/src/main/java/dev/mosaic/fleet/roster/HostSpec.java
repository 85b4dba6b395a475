package dev.mosaic.fleet.roster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A host agents may live on. {@code local} is implicit and has no ssh target. Every value that
 * reaches the {@code ssh} command line is checked here, so none can be read as an option.
 *
 * @param name the host name used in {@code agents[].host}
 * @param ssh the ssh destination ({@code host} or {@code user@host}), or {@code null} for {@code local}
 * @param tmuxSocket the tmux socket on that host, or {@code null} for the fleet default
 * @param port the ssh port, or {@code null} for ssh's default (22 or ~/.ssh/config)
 * @param user the login name, or {@code null} (the destination's {@code user@}, else ssh's default)
 * @param identityFile the private key file on this machine, or {@code null} for ssh's defaults
 * @param sshOptions extra {@code -o Key=Value} options, keys from {@link #ALLOWED_OPTIONS} only
 */
public record HostSpec(String name, String ssh, String tmuxSocket, Integer port, String user, String identityFile,
                       Map<String, String> sshOptions) {

    public static final String LOCAL = "local";

    /**
     * ssh options a roster may set. Nothing that runs a command ({@code ProxyCommand},
     * {@code LocalCommand}, {@code KnownHostsCommand}), changes trust ({@code StrictHostKeyChecking},
     * {@code UserKnownHostsFile}) or the connection sharing Mos relies on ({@code Control*},
     * {@code BatchMode}).
     */
    public static final Set<String> ALLOWED_OPTIONS = Set.of("AddressFamily", "Ciphers", "Compression",
            "ConnectionAttempts", "ConnectTimeout", "HostKeyAlgorithms", "HostKeyAlias", "HostName", "IdentitiesOnly",
            "IPQoS", "KexAlgorithms", "MACs", "ProxyJump", "PubkeyAcceptedAlgorithms", "ServerAliveCountMax",
            "ServerAliveInterval", "TCPKeepAlive");

    /** A destination: optional {@code user@}, then a host name, IPv4 or bracket-free IPv6 address. */
    private static final Pattern DESTINATION = Pattern.compile("([A-Za-z0-9._][A-Za-z0-9._-]{0,63}@)?"
            + "[A-Za-z0-9_:][A-Za-z0-9._:%-]{0,252}");
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]{0,63}");
    private static final Pattern OPTION_VALUE = Pattern.compile("[A-Za-z0-9_.,:@+=/][A-Za-z0-9_.,:@+=/-]{0,255}");
    private static final Pattern SOCKET = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public HostSpec {
        Names.require("host", name);
        sshOptions = sshOptions == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(sshOptions));
        if (LOCAL.equals(name)) {
            if (ssh != null || port != null || user != null || identityFile != null || !sshOptions.isEmpty()) {
                throw new RosterException("host 'local' is this machine: it takes no ssh settings");
            }
        } else {
            if (ssh == null || ssh.isBlank()) {
                throw new RosterException("host '" + name + "' needs an ssh destination such as user@host");
            }
            if (!DESTINATION.matcher(ssh).matches()) {
                throw new RosterException("host '" + name + "': ssh destination '" + ssh + "' is not a host name or"
                        + " user@host (it must not start with '-' or contain spaces, quotes or shell characters)");
            }
        }
        if (tmuxSocket != null && !SOCKET.matcher(tmuxSocket).matches()) {
            throw new RosterException("host '" + name + "': tmuxSocket '" + tmuxSocket + "' must be 1-64 letters,"
                    + " digits, '.', '_' or '-'");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw new RosterException("host '" + name + "': port " + port + " is not between 1 and 65535");
        }
        if (user != null && !USER.matcher(user).matches()) {
            throw new RosterException("host '" + name + "': user '" + user + "' must be a login name (letters,"
                    + " digits, '.', '_', '-'; not starting with '-')");
        }
        if (identityFile != null && (identityFile.isBlank() || identityFile.startsWith("-")
                || identityFile.chars().anyMatch(c -> c < ' '))) {
            throw new RosterException("host '" + name + "': identityFile '" + identityFile + "' must be a file path"
                    + " (not starting with '-')");
        }
        for (var e : new TreeMap<>(sshOptions).entrySet()) {
            if (!ALLOWED_OPTIONS.contains(e.getKey())) {
                throw new RosterException("host '" + name + "': sshOptions key '" + e.getKey() + "' is not allowed;"
                        + " allowed: " + String.join(", ", new java.util.TreeSet<>(ALLOWED_OPTIONS)));
            }
            if (e.getValue() == null || !OPTION_VALUE.matcher(e.getValue()).matches()) {
                throw new RosterException("host '" + name + "': sshOptions " + e.getKey() + " value '" + e.getValue()
                        + "' must be one word of letters, digits and _.,:@+=/- (not starting with '-')");
            }
        }
    }

    /** A host with only a destination and socket (no port, user, key or extra options). */
    public HostSpec(String name, String ssh, String tmuxSocket) {
        this(name, ssh, tmuxSocket, null, null, null, Map.of());
    }

    public static HostSpec local() {
        return new HostSpec(LOCAL, null, null);
    }

    public boolean isLocal() {
        return ssh == null;
    }
}
