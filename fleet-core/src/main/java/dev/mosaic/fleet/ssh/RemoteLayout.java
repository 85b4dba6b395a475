package dev.mosaic.fleet.ssh;

/**
 * Where Mos keeps its things on a remote host: {@code ~/.local/share/mosaic} there, holding
 * {@code bin/mosaic-agent-launch} (the launcher and heartbeat sidecar), {@code VERSION} (the
 * launcher's version), {@code run/} (the agents' heartbeat files) and {@code home/} (the remote
 * agents' {@code MOSAIC_HOME}, where the service file for {@code mos say} lands).
 *
 * @param home the remote user's {@code $HOME} (absolute)
 * @param sidecarVersion the installed launcher's version, or {@code null} when none is installed
 * @param tmuxVersion {@code tmux -V} there, or {@code null} when tmux is missing
 */
public record RemoteLayout(String home, String sidecarVersion, String tmuxVersion) {

    public RemoteLayout {
        if (home == null || !home.startsWith("/")) {
            throw new SshException("the remote $HOME is not an absolute path: '" + home + "'");
        }
    }

    public String root() {
        return (home.endsWith("/") ? home : home + "/") + ROOT_UNDER_HOME;
    }

    public String launcher() {
        return root() + "/bin/mosaic-agent-launch";
    }

    /** The hook harnesses call to report their state (see {@code mosaic-agent-hook}). */
    public String hook() {
        return root() + "/bin/mosaic-agent-hook";
    }

    /** A path under {@link #root()} made absolute. */
    public String resolve(String relative) {
        return root() + "/" + relative;
    }

    /** Where one agent's harness files live, relative to {@link #root()} (as locally under MOSAIC_HOME). */
    public static String agentDir(String agent) {
        return "home/fleet/agents/" + agent;
    }

    /** {@code ~/.local/share/mosaic} relative to the home directory. */
    public static final String ROOT_UNDER_HOME = ".local/share/mosaic";

    public String runDir() {
        return root() + "/run";
    }

    public String mosaicHome() {
        return root() + "/home";
    }

    public RemoteLayout withSidecar(String version) {
        return new RemoteLayout(home, version, tmuxVersion);
    }
}
