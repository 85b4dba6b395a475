package dev.mosaic.mos.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.audit.AuditLog;
import dev.mosaic.fleet.audit.AuditRecord;
import dev.mosaic.fleet.engine.KeyNames;
import dev.mosaic.fleet.ps.PsJson;
import dev.mosaic.fleet.ps.StartReport;
import dev.mosaic.fleet.ps.StopReport;
import dev.mosaic.fleet.roster.Role;
import dev.mosaic.fleet.roster.Roster;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The JSON routes under {@code /api/v1} (docs/http-api.md). Authentication ran before; roles are checked here. */
final class ApiRoutes {

    static final String CALLER = "mosaic.caller";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_INPUT = 4096;

    private final Fleet fleet;
    private final Supplier<Roster> roster;
    private final AuditLog audit;
    private final Clock clock;
    private final PaneScreen screens;
    private final FleetEvents events;
    private final EventHub hub;
    private final WebChat chat;

    ApiRoutes(Fleet fleet, Supplier<Roster> roster, AuditLog audit, Clock clock, PaneScreen screens,
              FleetEvents events, EventHub hub, WebChat chat) {
        this.fleet = fleet;
        this.roster = roster;
        this.audit = audit;
        this.clock = clock;
        this.screens = screens;
        this.events = events;
        this.hub = hub;
        this.chat = chat;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/fleet", ctx -> json(ctx, PsJson.tree(fleet.ps())));
        routes.get("/api/v1/whoami", this::whoami);
        routes.get("/api/v1/agents/{name}", ctx -> {
            String name = agent(ctx);
            JsonNode tree = PsJson.tree(fleet.ps());
            for (JsonNode a : tree.get("agents")) {
                if (a.get("name").asText().equals(name)) {
                    json(ctx, a);
                    return;
                }
            }
            throw WebException.notFound("agent '" + name + "' is not in the fleet");
        });
        routes.get("/api/v1/agents/{name}/screen", ctx -> json(ctx, screens.capture(agent(ctx)).json(JSON)));
        routes.post("/api/v1/agents/{name}/input", this::input);
        routes.post("/api/v1/agents/{name}/typing", ctx -> {
            // a person is composing a line for this agent in the page: hold automated sends back
            caller(ctx).require(Role.OPERATOR, "typing into an agent");
            fleet.typingLease().humanTyped(agent(ctx));
            ctx.status(204);
        });
        routes.post("/api/v1/agents/{name}/{action}", this::lifecycle);
        routes.get("/api/v1/audit", ctx -> {
            ArrayNode arr = JSON.createArrayNode();
            events.recentAudit().forEach(arr::add);
            ObjectNode n = JSON.createObjectNode();
            n.set("records", arr);
            json(ctx, n);
        });
        routes.post("/api/v1/chat", this::chat);
        routes.sse("/api/v1/events", client -> {
            Caller caller = client.ctx().attribute(CALLER);
            client.keepAlive();
            client.sendEvent("fleet", events.snapshot().toString());
            hub.add(client, caller.webId());
        });
    }

    private void whoami(Context ctx) {
        Caller c = caller(ctx);
        ObjectNode n = JSON.createObjectNode();
        n.put("webId", c.webId());
        n.put("principal", c.principal().name());
        n.put("role", c.principal().role().key());
        n.put("fleet", roster.get().fleet().name());
        json(ctx, n);
    }

    private void input(Context ctx) throws Exception {
        Caller c = caller(ctx);
        c.require(Role.OPERATOR, "typing into an agent");
        String name = agent(ctx);
        JsonNode body = body(ctx);
        String text = body.path("text").isMissingNode() || body.path("text").isNull() ? "" : textField(body, "text");
        List<String> keys = new ArrayList<>();
        JsonNode k = body.path("keys");
        if (!k.isMissingNode() && !k.isNull()) {
            if (!k.isArray()) {
                throw WebException.badRequest("'keys' must be an array of key names, e.g. [\"Enter\"]");
            }
            k.forEach(x -> keys.add(x.asText()));
        }
        if (text.length() > MAX_INPUT) {
            throw WebException.badRequest("'text' is " + text.length() + " characters; at most " + MAX_INPUT
                    + " per request");
        }
        if (text.isEmpty() && keys.isEmpty()) {
            throw WebException.badRequest("give 'text' and/or 'keys'");
        }
        try {
            if (!keys.isEmpty()) {
                KeyNames.require(keys);
            }
        } catch (FleetException e) {
            throw WebException.badRequest(e.getMessage());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("platform", WebAuth.PLATFORM);
        details.put("chars", text.length()); // the text itself is not audited: it may be a password prompt's answer
        details.put("keys", keys);
        audited(c, "agent.input", name, details, () -> fleet.type(name, text, keys));
        ObjectNode n = JSON.createObjectNode();
        n.put("agent", name);
        n.put("chars", text.length());
        n.set("keys", JSON.valueToTree(keys));
        json(ctx, n);
    }

    private void lifecycle(Context ctx) {
        Caller c = caller(ctx);
        String action = ctx.pathParam("action");
        if (!List.of("start", "stop", "restart").contains(action)) {
            throw WebException.notFound("no such route: POST " + ctx.path() + " (use start, stop, restart or input)");
        }
        c.require(Role.OPERATOR, action + "ing an agent");
        String name = agent(ctx);
        ObjectNode n = JSON.createObjectNode();
        n.put("agent", name);
        n.put("action", action);
        Map<String, Object> details = Map.of("platform", WebAuth.PLATFORM);
        audited(c, "agent." + action, name, details, () -> {
            switch (action) {
                case "start" -> {
                    StartReport r = fleet.start(List.of(name));
                    if (r.failed().containsKey(name)) {
                        throw new FleetException("agent '" + name + "' did not start: " + r.failed().get(name));
                    }
                    n.put("result", r.started().contains(name) ? "started" : "already running");
                }
                case "stop" -> {
                    StopReport r = fleet.stop(List.of(name));
                    n.put("result", r.stopped().contains(name) ? "stopped" : "not running");
                }
                default -> {
                    fleet.restart(name);
                    n.put("result", "restarted");
                }
            }
        });
        json(ctx, n);
    }

    private void chat(Context ctx) throws Exception {
        Caller c = caller(ctx);
        String text = textField(body(ctx), "text").strip();
        if (text.isEmpty()) {
            throw WebException.badRequest("'text' must not be empty");
        }
        ObjectNode n = JSON.createObjectNode();
        n.set("replies", JSON.valueToTree(chat.say(c, text)));
        json(ctx, n);
    }

    /** Runs a fleet action and audits it as {@code web:<id>}, whether it worked or not. */
    private void audited(Caller c, String action, String target, Map<String, Object> details, Runnable work) {
        try {
            work.run();
        } catch (MosaicException e) {
            audit.append(new AuditRecord(clock.instant(), c.actor(), action, target, "failed: " + e.getMessage(),
                    details));
            throw e;
        }
        audit.append(new AuditRecord(clock.instant(), c.actor(), action, target, "ok", details));
    }

    /** The {name} path parameter, known to the roster: 400 when malformed, 404 when unknown. */
    private String agent(Context ctx) {
        String name = ctx.pathParam("name");
        Roster r = roster.get();
        try {
            Fleet.requireAgent(r, name);
        } catch (FleetException e) {
            if (r.agent(name).isEmpty() && e.getMessage().contains("is invalid")) {
                throw WebException.badRequest(e.getMessage());
            }
            throw WebException.notFound(e.getMessage());
        }
        return name;
    }

    static Caller caller(Context ctx) {
        Caller c = ctx.attribute(CALLER);
        if (c == null) {
            throw WebException.unauthorized("not authenticated");
        }
        return c;
    }

    private static JsonNode body(Context ctx) throws Exception {
        String raw = ctx.body();
        if (raw.isBlank()) {
            throw WebException.badRequest("request body must be a JSON object");
        }
        JsonNode n = JSON.readTree(raw);
        if (n == null || !n.isObject()) {
            throw WebException.badRequest("request body must be a JSON object");
        }
        return n;
    }

    private static String textField(JsonNode body, String field) {
        JsonNode t = body.path(field);
        if (!t.isTextual()) {
            throw WebException.badRequest("'" + field + "' must be a string");
        }
        return t.asText();
    }

    static void json(Context ctx, JsonNode node) {
        ctx.contentType("application/json").result(node.toString());
    }
}
