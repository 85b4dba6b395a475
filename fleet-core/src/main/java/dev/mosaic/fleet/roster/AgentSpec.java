package dev.mosaic.fleet.roster;

import java.util.Map;
import java.util.Objects;

/**
 * One agent as the roster declares it (before runtime profiles are applied).
 *
 * @param name unique name, also the tmux session name
 * @param role free-form role (coder, reviewer, researcher, ...); {@code orchestrator} for the orchestrator
 * @param runtime a runtime profile name (claude, codex, pi, shell, or one from {@code runtimes:})
 * @param workdir working directory, {@code ~} allowed; {@code null} means the user's home
 * @param host a host name from {@code hosts:}; {@code local} when absent
 * @param command a command line overriding the runtime's launch command, or {@code null}.
 *     Split into argv by {@link CommandLine#split} — never given to a shell
 * @param env extra environment variables for the agent's process
 * @param permissionMode the harness's own permission mode, passed through (Claude Code: {@code manual},
 *     {@code auto}, {@code acceptEdits}, ...; Codex: its {@code --ask-for-approval} policy), or {@code null}
 */
public record AgentSpec(String name, String role, String runtime, String workdir, String host, String command,
                        Map<String, String> env, String permissionMode) {

    public AgentSpec(String name, String role, String runtime, String workdir, String host, String command,
                     Map<String, String> env) {
        this(name, role, runtime, workdir, host, command, env, null);
    }

    public static final String ORCHESTRATOR_ROLE = "orchestrator";

    public AgentSpec {
        Names.require("agent", name);
        Objects.requireNonNull(runtime, "runtime");
        role = role == null || role.isBlank() ? "agent" : role;
        host = host == null || host.isBlank() ? HostSpec.LOCAL : host;
        env = env == null ? Map.of() : Map.copyOf(env);
        permissionMode = permissionMode == null || permissionMode.isBlank() ? null : permissionMode.strip();
        if (permissionMode != null && !permissionMode.matches("[A-Za-z][A-Za-z-]{0,30}")) {
            throw new IllegalArgumentException("agent '" + name + "': permissionMode '" + permissionMode
                    + "' must be one word such as manual, auto or acceptEdits");
        }
    }

    public AgentSpec withRuntime(String newRuntime) {
        return new AgentSpec(name, role, newRuntime, workdir, host, command, env, permissionMode);
    }
}
