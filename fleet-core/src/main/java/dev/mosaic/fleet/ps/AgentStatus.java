package dev.mosaic.fleet.ps;

import dev.mosaic.fleet.heartbeat.Heartbeat;
import java.util.Objects;

/**
 * One row of {@code ps}: an agent of the roster, or a session tmux has that the roster lacks.
 *
 * @param name agent / session name
 * @param role the roster role ({@code null} for a missing, unmanaged session)
 * @param runtime the runtime profile name ({@code null} when unmanaged)
 * @param host the host name ({@code local} unless declared)
 * @param tenant the fleet the agent belongs to
 * @param state running / stopped / crashed / missing / unknown
 * @param managed true when the roster declares it
 * @param pid the pane process id when the session exists, else {@code null}
 * @param heartbeat its last heartbeat (unknown when none)
 * @param detail a human hint (exit status of a crashed agent, why a host was unknown), or {@code null}
 * @param waiting what the agent waits for while it waits for a person, else {@code null}
 */
public record AgentStatus(String name, String role, String runtime, String host, String tenant, AgentState state,
                          boolean managed, Long pid, Heartbeat heartbeat, String detail, Waiting waiting) {

    public AgentStatus(String name, String role, String runtime, String host, String tenant, AgentState state,
                       boolean managed, Long pid, Heartbeat heartbeat, String detail) {
        this(name, role, runtime, host, tenant, state, managed, pid, heartbeat, detail, null);
    }

    /** True while the agent waits for a person (an approval or an answer). */
    public boolean needsPerson() {
        return waiting != null;
    }

    public AgentStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(heartbeat, "heartbeat");
    }
}
