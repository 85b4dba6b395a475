package dev.mosaic.fleet.roster;

/**
 * A host agents may live on. {@code local} is implicit and has no ssh target.
 *
 * @param name the host name used in {@code agents[].host}
 * @param ssh the ssh destination ({@code user@host}), or {@code null} for {@code local}
 * @param tmuxSocket the tmux socket on that host, or {@code null} for the fleet default
 */
public record HostSpec(String name, String ssh, String tmuxSocket) {

    public static final String LOCAL = "local";

    public HostSpec {
        Names.require("host", name);
        if (!LOCAL.equals(name) && (ssh == null || ssh.isBlank())) {
            throw new RosterException("host '" + name + "' needs an ssh destination such as user@host");
        }
        if (ssh != null && (ssh.startsWith("-") || ssh.chars().anyMatch(Character::isWhitespace))) {
            throw new RosterException("host '" + name + "': ssh destination '" + ssh + "' must not start with '-'"
                    + " or contain spaces");
        }
    }

    public static HostSpec local() {
        return new HostSpec(LOCAL, null, null);
    }

    public boolean isLocal() {
        return ssh == null;
    }
}
