package dev.mosaic.mos.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.engine.KeyNames;
import dev.mosaic.fleet.ps.PsJson;
import dev.mosaic.fleet.ps.StartReport;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.mos.app.Application;
import dev.mosaic.mos.app.Operation;
import dev.mosaic.mos.app.Outcome;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The JSON routes under {@code /api/v1} (docs/http-api.md): a thin door. Authentication ran
 * before; each route parses its request into an {@link Operation}, hands it to the
 * {@link Application} (which authorizes, audits and runs it, as for chat and the CLI) and renders
 * the {@link Outcome} as JSON. Failures become statuses in {@link ErrorMapper}, by kind.
 */
final class ApiRoutes {

    static final String CALLER = "mosaic.caller";
    /** What the request authenticated with, for streams that check it again while open. */
    static final String CREDENTIAL = "mosaic.credential";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_INPUT = 4096;

    private final Supplier<Roster> roster;
    private final Application app;
    private final PaneScreen screens;
    private final FleetEvents events;
    private final EventHub hub;
    private final WebChat chat;
    private final Consumer<WebAuth.Credential> recheck;

    /** @param recheck authenticates a credential again (throws when it no longer holds), for open streams */
    ApiRoutes(Supplier<Roster> roster, Application app, PaneScreen screens, FleetEvents events, EventHub hub,
              WebChat chat, Consumer<WebAuth.Credential> recheck) {
        this.recheck = recheck;
        this.roster = roster;
        this.app = app;
        this.screens = screens;
        this.events = events;
        this.hub = hub;
        this.chat = chat;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/fleet", ctx -> json(ctx, PsJson.tree(ps(ctx))));
        routes.get("/api/v1/whoami", this::whoami);
        routes.get("/api/v1/agents/{name}", ctx -> {
            String name = agent(ctx);
            JsonNode tree = PsJson.tree(ps(ctx));
            for (JsonNode a : tree.get("agents")) {
                if (a.get("name").asText().equals(name)) {
                    json(ctx, a);
                    return;
                }
            }
            throw WebException.notFound("agent '" + name + "' is not in the fleet");
        });
        routes.get("/api/v1/agents/{name}/screen", ctx -> {
            PaneAccess.require(app, caller(ctx)); // a viewer hears 403 before learning whether the agent exists
            json(ctx, screens.capture(agent(ctx)).json(JSON));
        });
        routes.post("/api/v1/agents/{name}/input", this::input);
        routes.post("/api/v1/agents/{name}/typing", ctx -> {
            // a person is composing a line for this agent in the page: hold automated sends back
            app.execute(caller(ctx).asActor(), new Operation.Hold(agent(ctx)));
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
            WebAuth.Credential credential = client.ctx().attribute(CREDENTIAL);
            client.keepAlive();
            client.sendEvent("fleet", events.snapshot().toString());
            hub.add(client, caller.webId(), () -> recheck.accept(credential));
        });
    }

    private void whoami(Context ctx) {
        Caller c = caller(ctx);
        ObjectNode n = JSON.createObjectNode();
        n.put("webId", c.webId());
        n.put("principal", c.principal().name());
        n.put("role", c.principal().role().key());
        n.put("fleet", roster.get().fleet().name());
        // whether the page may show terminals, and if not the words of the refusal (the page shows them)
        var refused = PaneAccess.refusal(app, c);
        n.put("panes", refused.isEmpty());
        refused.ifPresent(r -> n.put("panesRefused", r));
        json(ctx, n);
    }

    private void input(Context ctx) throws Exception {
        Caller c = caller(ctx);
        app.authorize(c.asActor(), new Operation.Type(ctx.pathParam("name"), "", List.of()));
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
        if (!keys.isEmpty()) {
            KeyNames.require(keys); // invalid kind: 400
        }
        // audited with its size and keys, not its text: it may be a password prompt's answer
        app.execute(c.asActor(), new Operation.Type(name, text, keys));
        ObjectNode n = JSON.createObjectNode();
        n.put("agent", name);
        n.put("chars", text.length());
        n.set("keys", JSON.valueToTree(keys));
        json(ctx, n);
    }

    private void lifecycle(Context ctx) {
        Caller c = caller(ctx);
        String action = ctx.pathParam("action");
        String name = ctx.pathParam("name");
        Operation op = switch (action) {
            case "start" -> new Operation.StartAgent(name);
            case "stop" -> new Operation.StopAgent(name);
            case "restart" -> new Operation.RestartAgent(name);
            default -> throw WebException.notFound("no such route: POST " + ctx.path()
                    + " (use start, stop, restart or input)");
        };
        app.authorize(c.asActor(), op); // a viewer hears 403 before learning whether the agent exists
        agent(ctx);
        Outcome o = app.execute(c.asActor(), op);
        ObjectNode n = JSON.createObjectNode();
        n.put("agent", name);
        n.put("action", action);
        if (o instanceof Outcome.Started s) {
            StartReport r = s.report();
            if (r.failed().containsKey(name)) {
                throw new FleetException("agent '" + name + "' did not start: " + r.failed().get(name));
            }
            n.put("result", r.started().contains(name) ? "started" : "already running");
        } else if (o instanceof Outcome.Stopped s) {
            n.put("result", s.report().stopped().contains(name) ? "stopped" : "not running");
        } else {
            n.put("result", "restarted");
        }
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

    private dev.mosaic.fleet.ps.FleetSnapshot ps(Context ctx) {
        return ((Outcome.Fleet) app.execute(caller(ctx).asActor(), new Operation.Ps())).snapshot();
    }

    /** The {name} path parameter, known to the roster: 400 when malformed, 404 when unknown. */
    private String agent(Context ctx) {
        String name = ctx.pathParam("name");
        Fleet.requireAgent(roster.get(), name); // kinds: invalid name 400, unknown agent 404
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
