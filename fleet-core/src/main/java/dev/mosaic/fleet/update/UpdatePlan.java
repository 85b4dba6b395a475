package dev.mosaic.fleet.update;

import java.util.List;
import java.util.Objects;

/**
 * What an update would do, per runtime and host: the installed version, the target, and the
 * agents it would restart. {@code --dry-run} prints only this.
 *
 * @param generatedAt when it was made (ISO-8601 UTC)
 * @param steps one per runtime and host
 */
public record UpdatePlan(String generatedAt, List<Step> steps) {

    public UpdatePlan {
        steps = List.copyOf(steps);
    }

    /**
     * @param installed the version installed now, or {@code null} when none is in Mos's prefix
     * @param action {@code install} (none yet), {@code update}, or {@code current} (already the target)
     * @param agents the agents of this runtime on this host that would be restarted
     */
    public record Step(String runtime, String host, String installed, String target, String action,
                       List<Affected> agents) {
        public Step {
            Objects.requireNonNull(runtime, "runtime");
            Objects.requireNonNull(host, "host");
            agents = List.copyOf(agents);
        }

        /** True when the host's installation changes. */
        public boolean changes() {
            return !"current".equals(action);
        }
    }

    /** An agent an update would restart: its state and live activity when planned. */
    public record Affected(String name, String state, String activity) {
    }

    /** True when nothing would change. */
    public boolean nothingToDo() {
        return steps.stream().noneMatch(Step::changes);
    }
}
