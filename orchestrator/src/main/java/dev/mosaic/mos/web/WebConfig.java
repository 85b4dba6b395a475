package dev.mosaic.mos.web;

import dev.mosaic.fleet.MosaicEnv;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where and how the web UI listens.
 *
 * @param host the address to bind; loopback ({@code 127.0.0.1}) unless the user asks otherwise,
 *     and any other address only when at least one token exists
 * @param port the TCP port; 0 picks a free one (tests)
 * @param tokenFile the token store ({@code $MOSAIC_HOME/run/web-tokens.json}, mode 0600)
 * @param extraOrigins origins besides the server's own that may send state-changing requests and
 *     open WebSockets, e.g. {@code https://mos.example.org} behind a TLS reverse proxy; their
 *     hosts are allowed in the {@code Host} header, and a login through an https one gets a
 *     {@code Secure} cookie
 */
public record WebConfig(String host, int port, Path tokenFile, List<String> extraOrigins) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7878;

    public WebConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tokenFile, "tokenFile");
        if (host.isBlank()) {
            throw WebException.badRequest("web bind address must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw WebException.badRequest("web port must be 0-65535, was " + port);
        }
        extraOrigins = extraOrigins == null ? List.of() : List.copyOf(extraOrigins);
        for (String o : extraOrigins) {
            if (!o.matches("https?://[^/\\s]+")) {
                throw WebException.badRequest("web origin '" + o + "' must look like https://host[:port], without a path");
            }
        }
    }

    /** Loopback on {@value #DEFAULT_PORT}, tokens under {@code $MOSAIC_HOME/run}. */
    public static WebConfig defaults(MosaicEnv env) {
        return new WebConfig(DEFAULT_HOST, DEFAULT_PORT, tokenFile(env), List.of());
    }

    /** {@code $MOSAIC_HOME/run/web-tokens.json}. */
    public static Path tokenFile(MosaicEnv env) {
        return env.home().resolve("run").resolve("web-tokens.json");
    }

    /** Whether {@link #host} only accepts connections from this machine. */
    public boolean loopback() {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.startsWith("127.");
    }
}
