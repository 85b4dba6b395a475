package dev.mosaic.fleet.ps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.heartbeat.Heartbeat;
import java.time.temporal.ChronoUnit;

/** Serializes a {@link FleetSnapshot} as {@code mosaic.fleet.ps/v1} JSON (docs/json-contract.md). */
public final class PsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PsJson() {
    }

    public static ObjectNode tree(FleetSnapshot s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", FleetSnapshot.SCHEMA);
        root.put("generatedAt", s.generatedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("fleet", s.fleet());
        var agents = root.putArray("agents");
        for (AgentStatus a : s.agents()) {
            ObjectNode n = agents.addObject();
            n.put("name", a.name());
            n.put("role", a.role());
            n.put("runtime", a.runtime());
            n.put("host", a.host());
            n.put("tenant", a.tenant());
            n.put("state", a.state().wire());
            n.put("managed", a.managed());
            if (a.pid() == null) {
                n.putNull("pid");
            } else {
                n.put("pid", a.pid());
            }
            Heartbeat hb = a.heartbeat();
            ObjectNode h = n.putObject("heartbeat");
            h.put("health", hb.health().wire());
            h.put("ts", hb.ts() == null ? null : hb.ts().toString());
            if (hb.age() == null) {
                h.putNull("ageMs");
            } else {
                h.put("ageMs", hb.age().toMillis());
            }
            h.put("status", hb.status());
            if (hb.activity() != null) {
                h.put("activity", hb.activity());
            }
            if (hb.model() != null) {
                h.put("model", hb.model());
            }
            if (hb.nativeBeat()) {
                h.put("native", true);
            }
            if (a.detail() != null) {
                n.put("detail", a.detail());
            }
            if (a.waiting() != null) {
                ObjectNode w = n.putObject("waiting");
                w.put("kind", a.waiting().kind());
                w.put("summary", a.waiting().summary());
                w.put("since", a.waiting().since() == null ? null
                        : a.waiting().since().truncatedTo(ChronoUnit.SECONDS).toString());
            }
        }
        return root;
    }

    public static String write(FleetSnapshot s) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree(s));
        } catch (JsonProcessingException e) {
            throw new FleetException("cannot serialize ps: " + e.getMessage(), e);
        }
    }
}
