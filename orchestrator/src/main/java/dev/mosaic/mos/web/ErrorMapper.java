package dev.mosaic.mos.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mosaic.fleet.MosaicException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: {@code {"error":{"code","message"}}} with a
 * status that says whose fault it was. {@link WebException} carries its own status (400 bad
 * input, 401 no or bad token, 403 origin, 421 a foreign Host name, 429 too many failed logins); every other {@link MosaicException} by its kind:
 * invalid 400, forbidden 403 (the application's one role check), not found 404, conflict 409
 * (the fleet refusing in its current state), unavailable 503 (tmux, the audit log); anything
 * else → 500 without internals. A browser asking for a page without a token gets a short HTML
 * page that says how to log in.
 */
final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorMapper() {
    }

    static void register(RoutesConfig routes) {
        routes.exception(WebException.class, (e, ctx) -> {
            if (e.retryAfterSeconds() > 0) {
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
            respond(ctx, e.status(), e.code(), e.getMessage());
        });
        routes.exception(JsonProcessingException.class, (e, ctx) ->
                respond(ctx, 400, "bad_json", "request body is not valid JSON: " + e.getOriginalMessage()));
        routes.exception(MosaicException.class, (e, ctx) -> respond(ctx, status(e.kind()), code(e.kind()),
                e.getMessage()));
        routes.exception(HttpResponseException.class, (e, ctx) ->
                respond(ctx, e.getStatus(), e.getStatus() == 404 ? "not_found" : "http_" + e.getStatus(), e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("web request {} {} failed", ctx.method(), ctx.path(), e);
            respond(ctx, 500, "internal", "internal error; see the Mos service log");
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                respond(ctx, 404, "not_found", "no such route: " + ctx.method() + " " + ctx.path());
            }
        });
    }

    /** The one mapping of failure kinds to HTTP statuses. */
    static int status(MosaicException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNAVAILABLE -> 503;
        };
    }

    private static String code(MosaicException.Kind kind) {
        return switch (kind) {
            case INVALID -> "bad_request";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not_found";
            case CONFLICT -> "conflict";
            case UNAVAILABLE -> "unavailable";
        };
    }

    static void respond(Context ctx, int status, String code, String message) {
        ctx.status(status);
        if (status == 401 && wantsHtml(ctx)) {
            ctx.contentType("text/html; charset=utf-8").result("""
                    <!doctype html><html><head><meta charset="utf-8"><title>Mos: log in</title></head>
                    <body style="background:#0d1117;color:#c9d1d9;font:15px system-ui;padding:3em">
                    <h1>Mos needs your token</h1><p>Open the login URL that <code>mosaic up</code> printed
                    (<code>http://HOST:PORT/login?token=...</code>). It is also in
                    <code>$MOSAIC_HOME/run/web-url.txt</code> for the admin.</p></body></html>
                    """);
            return;
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode err = body.putObject("error");
        err.put("code", code);
        err.put("message", message);
        ctx.contentType("application/json").result(body.toString());
    }

    private static boolean wantsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return "GET".equals(ctx.method().name()) && accept != null && accept.contains("text/html")
                && !ctx.path().startsWith("/api/");
    }
}
