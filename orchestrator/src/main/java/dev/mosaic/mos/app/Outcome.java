package dev.mosaic.mos.app;

import org.jspecify.annotations.Nullable;
import dev.mosaic.fleet.ps.AgentStatus;
import dev.mosaic.fleet.ps.FleetSnapshot;
import dev.mosaic.fleet.ps.SendResult;
import dev.mosaic.fleet.ps.StartReport;
import dev.mosaic.fleet.ps.StopReport;
import dev.mosaic.fleet.roster.Comms;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an {@link Operation} came to, as data: each front door renders it its own way (a
 * terminal table, chat Markdown, JSON). It also says how it is recorded in the audit log.
 */
public sealed interface Outcome {

    /** The audit record's result, e.g. {@code ok}, {@code delivered}, {@code partial}. */
    default String auditResult() {
        return "ok";
    }

    /** Extra facts for the audit record (never secret text). */
    default Map<String, Object> auditDetails() {
        return Map.of();
    }

    /** False when it only partly worked (an agent did not start, a send was not seen): exit code 1. */
    default boolean ok() {
        return true;
    }

    record Fleet(FleetSnapshot snapshot) implements Outcome {
    }

    record Agent(AgentStatus status) implements Outcome {
    }

    /** @param socket the local tmux socket, for the drift hint */
    record Started(StartReport report, String socket) implements Outcome {
        public boolean ok() {
            return report.failed().isEmpty();
        }

        public String auditResult() {
            return ok() ? "ok" : "partial";
        }

        public Map<String, Object> auditDetails() {
            return Map.of("started", report.started(), "failed", List.copyOf(report.failed().keySet()));
        }
    }

    record Stopped(StopReport report, String socket) implements Outcome {
        public Map<String, Object> auditDetails() {
            return Map.of("stopped", report.stopped());
        }
    }

    record Restarted(String agent) implements Outcome {
    }

    record RestartedAll(StopReport stopped, StartReport started, String socket) implements Outcome {
        public boolean ok() {
            return started.failed().isEmpty();
        }

        public String auditResult() {
            return ok() ? "ok" : "partial";
        }

        public Map<String, Object> auditDetails() {
            return Map.of("stopped", stopped.stopped(), "started", started.started());
        }
    }

    /** @param chars how much text (the text itself may be sensitive: the audit keeps its size) */
    record Sent(String agent, SendResult result, int chars) implements Outcome {
        public boolean ok() {
            return result.delivered();
        }

        public String auditResult() {
            return result.delivered() ? "delivered" : "not-seen";
        }

        public Map<String, Object> auditDetails() {
            return Map.of("chars", chars, "method", result.method());
        }
    }

    /** Comms mode matrix: posted into the agent's room and delivered from there. */
    record Posted(String agent, String room, int chars) implements Outcome {
        public String auditResult() {
            return "delivered";
        }

        public Map<String, Object> auditDetails() {
            return Map.of("chars", chars, "method", "room", "room", room);
        }
    }

    record Tail(String agent, String text) implements Outcome {
    }

    /** A permission prompt answered: what it asked (redacted). */
    record Answered(String agent, boolean approved, String prompt) implements Outcome {
        public Map<String, Object> auditDetails() {
            return Map.of("prompt", prompt);
        }
    }

    record Added(String name, String runtime, @Nullable String agentRole, Path roster) implements Outcome {
        public Map<String, Object> auditDetails() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("runtime", runtime);
            d.put("role", agentRole == null ? "agent" : agentRole);
            return d;
        }
    }

    record Removed(String name, Path roster) implements Outcome {
    }

    /** @param before the mode until now ({@code now} when only shown) */
    record CommsMode(Comms before, Comms now, boolean shown) implements Outcome {
        public boolean changed() {
            return before != now;
        }

        public String auditResult() {
            return changed() ? "ok" : "unchanged";
        }

        public Map<String, Object> auditDetails() {
            return Map.of("from", before.key());
        }
    }

    record Typed(String agent, int chars, List<String> keys) implements Outcome {
        public Map<String, Object> auditDetails() {
            return Map.of("chars", chars, "keys", keys);
        }
    }

    record Held(String agent) implements Outcome {
    }

    /** An update's plan ({@code --dry-run}): nothing changed. */
    record UpdatePlanned(dev.mosaic.fleet.update.UpdatePlan plan) implements Outcome {
    }

    /** An update that ran: what happened to each host and agent. */
    record Updated(dev.mosaic.fleet.update.UpdateReport report) implements Outcome {
        public boolean ok() {
            return report.ok();
        }

        public String auditResult() {
            return report.result();
        }

        public Map<String, Object> auditDetails() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("id", report.id());
            report.hosts().forEach(h -> d.put(h.runtime() + "@" + h.host(), h.from() + " -> " + h.to() + ": " + h.result()));
            report.agents().forEach(a -> d.put(a.name(), a.result()));
            return d;
        }
    }
}
