package dev.mosaic.mos.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The page itself: {@code /} and its assets from the classpath ({@code mosaic/web/}), no CDN, so
 * it works on a machine without network. Logging in is {@link LoginRoutes}'.
 */
final class PageRoutes {

    private static final String ROOT = "mosaic/web/";
    private static final Pattern ASSET = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}\\.(js|css|svg|png|ico)");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon",
            "html", "text/html; charset=utf-8");
    /** The page loads only its own scripts and styles and talks only to this server. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    void register(RoutesConfig routes) {
        routes.get("/", ctx -> asset(ctx, "index.html"));
        routes.get("/assets/{file}", ctx -> {
            String file = ctx.pathParam("file");
            if (!ASSET.matcher(file).matches()) {
                throw WebException.notFound("no such asset: " + file);
            }
            asset(ctx, file);
        });
    }

    private static void asset(Context ctx, String file) throws IOException {
        InputStream in = PageRoutes.class.getClassLoader().getResourceAsStream(ROOT + file);
        if (in == null) {
            throw WebException.notFound("no such asset: " + file);
        }
        String ext = file.substring(file.lastIndexOf('.') + 1);
        try (in) {
            ctx.contentType(TYPES.getOrDefault(ext, "application/octet-stream"));
            ctx.header("Cache-Control", "no-cache");
            ctx.header("Content-Security-Policy", CSP);
            ctx.result(in.readAllBytes());
        }
    }
}
