package dev.mosaic.fleet.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One audited action.
 *
 * @param time when it finished
 * @param actor who did it: {@code cli:<user>}, {@code discord:<id>}, {@code web:<principal>}, ...
 * @param action the verb, e.g. {@code agent.start}, {@code chat.remove}
 * @param target what it acted on (an agent name, {@code all}, a roster path), or {@code ""}
 * @param result {@code ok}, {@code refused}, {@code failed: <reason>}, ...
 * @param details further fields (platform, conversation, durationMs); never secrets
 */
public record AuditRecord(Instant time, String actor, String action, String target, String result,
                          Map<String, Object> details) {

    public AuditRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        target = target == null ? "" : target;
        Objects.requireNonNull(result, "result");
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
