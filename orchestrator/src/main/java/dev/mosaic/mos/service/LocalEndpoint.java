package dev.mosaic.mos.service;

import org.jspecify.annotations.Nullable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.engine.SayCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's local door for {@code mosaic mos status} and {@code mosaic mos say}: a JDK
 * HttpServer bound to 127.0.0.1 on a free port. Its port and a random 256-bit token go into the
 * {@link ServiceFile} (0600); every request must carry {@code Authorization: Bearer <token>},
 * compared in constant time. Nothing else on the machine can reach it without that file. An
 * agent's say-credential ({@link SayCredentials}) is accepted too, for say and send only, and the
 * speaker is then the agent it was issued to, whatever the request names.
 *
 * <p>Routes: {@code GET /v1/status}; {@code POST /v1/say} with {@code {"agent","to","text"}};
 * {@code POST /v1/send} with {@code {"agent","from","text"}} (comms mode matrix).
 */
final class LocalEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 256 * 1024;

    /** What the endpoint asks the service. */
    public interface Handler {
        /** The service's status as JSON. */
        JsonNode status();

        /**
         * Posts {@code text} for {@code agent} into conversation {@code to} (a key like
         * {@code discord:1517...}) or, when {@code to} is null, the one that last addressed the agent.
         *
         * @return the key of the conversation it went to
         * @throws MosaicException naming what is wrong (no conversation yet, connector down, ...)
         */
        String say(String agent, String to, String text);

        /**
         * Comms mode matrix: posts {@code text} from {@code from} into {@code agent}'s room and
         * delivers it into the agent's pane.
         *
         * @return the key of the room
         * @throws MosaicException naming what is wrong (unknown agent, connector down, not delivered)
         */
        default String send(String agent, String from, String text) {
            throw new ServiceException("this service does not relay agent messages");
        }

        /** The roster host {@code agent} lives on, or {@code null} when it is not in the roster. */
        default @Nullable String hostOf(String agent) {
            return null;
        }
    }

    private final Path runFile;
    private final Handler handler;
    private final Instant startedAt;
    private final byte[] token;
    private final String tokenText;
    private final SayCredentials credentials;
    /** Tokens for remote hosts' agents, by host: they may only say or send as an agent of that host. */
    private final Map<String, String> hostTokens = new ConcurrentHashMap<>();
    private @Nullable HttpServer server;
    private @Nullable ExecutorService executor;

    /** @param credentials verifies agents' say-credentials (the key of this {@code MOSAIC_HOME}) */
    public LocalEndpoint(Path runFile, Handler handler, Instant startedAt, SayCredentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.runFile = Objects.requireNonNull(runFile, "runFile");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        this.tokenText = HexFormat.of().formatHex(raw);
        this.token = tokenText.getBytes(StandardCharsets.US_ASCII);
    }

    /** Binds, serves and writes the service file. */
    public void start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new ServiceException("cannot open the local endpoint on 127.0.0.1: " + e.getMessage(), e);
        }
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "mos-local-endpoint");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/v1/", this::handle);
        server.start();
        new ServiceFile(ProcessHandle.current().pid(), port(), tokenText, startedAt).write(runFile);
        LOG.info("local endpoint on 127.0.0.1:{} ({} holds its token)", port(), runFile);
    }

    /**
     * The token of remote host {@code host}'s agents (created on first use): it reaches this endpoint
     * through the host's reverse-forwarded port and is good only for {@code say} and {@code send}
     * as an agent that lives on that host.
     */
    public String hostToken(String host) {
        return hostTokens.computeIfAbsent(host, h -> {
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            return HexFormat.of().formatHex(raw);
        });
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String header = ex.getRequestHeaders().getFirst("Authorization");
            Caller caller = caller(header);
            if (caller == null) {
                String given = header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : "";
                reply(ex, 401, error(SayCredentials.looksLikeCredential(given)
                        ? "this say-credential is not valid (forged, or issued by another MOSAIC_HOME)"
                        : "missing or wrong token; read it from " + runFile));
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            boolean speak = method.equals("POST") && (path.equals("/v1/say") || path.equals("/v1/send"));
            String body = null;
            if (caller.agent() != null) {
                if (!speak) {
                    reply(ex, 403, error("agent " + caller.agent() + "'s say-credential may only say or send"));
                    return;
                }
                body = readBody(ex.getRequestBody());
                JsonNode json = JSON.readTree(body);
                // the speaker is whom the credential was issued to; a name in the request may only repeat it
                String claimed = path.equals("/v1/say") ? json.path("agent").asText("") : json.path("from").asText("");
                if (claimed.startsWith("agent:")) {
                    claimed = claimed.substring("agent:".length());
                }
                if (!claimed.isEmpty() && !claimed.equals(caller.agent())) {
                    LOG.warn("refused: agent {} tried to {} as '{}'", caller.agent(), path.substring(4), claimed);
                    reply(ex, 403, error("this say-credential belongs to agent " + caller.agent() + ", which speaks"
                            + " only as itself, not as '" + claimed + "'"));
                    return;
                }
                ObjectNode ok = JSON.createObjectNode();
                ok.put("conversation", path.equals("/v1/say")
                        ? handler.say(caller.agent(), json.hasNonNull("to") ? json.get("to").asText() : null,
                                json.path("text").asText(""))
                        : handler.send(json.path("agent").asText(""), caller.agent(), json.path("text").asText("")));
                reply(ex, 200, ok);
                return;
            }
            if (caller.host() != null) {
                body = readBody(ex.getRequestBody());
                String agent = speak ? JSON.readTree(body).path("agent").asText("") : null;
                if (agent == null || !caller.host().equals(handler.hostOf(agent))) {
                    reply(ex, 403, error("this token is for the agents on host " + caller.host() + " and may only say"
                            + " or send as one of them"));
                    return;
                }
            }
            if (path.equals("/v1/status") && method.equals("GET")) {
                reply(ex, 200, handler.status());
            } else if (path.equals("/v1/say") && method.equals("POST")) {
                JsonNode json = JSON.readTree(body != null ? body : readBody(ex.getRequestBody()));
                String agent = json.path("agent").asText("");
                String to = json.hasNonNull("to") ? json.get("to").asText() : null;
                String text = json.path("text").asText("");
                ObjectNode ok = JSON.createObjectNode();
                ok.put("conversation", handler.say(agent, to, text));
                reply(ex, 200, ok);
            } else if (path.equals("/v1/send") && method.equals("POST")) {
                JsonNode json = JSON.readTree(body != null ? body : readBody(ex.getRequestBody()));
                ObjectNode ok = JSON.createObjectNode();
                ok.put("conversation", handler.send(json.path("agent").asText(""),
                        json.hasNonNull("from") ? json.get("from").asText() : null, json.path("text").asText("")));
                reply(ex, 200, ok);
            } else {
                reply(ex, 404, error("no route " + method + " " + path));
            }
        } catch (MosaicException e) {
            reply(ex, 422, error(e.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("local endpoint request failed", e);
            reply(ex, 500, error(e.getClass().getSimpleName() + ": " + e.getMessage()));
        } finally {
            ex.close();
        }
    }

    /**
     * Whom a request's token speaks for: the service's own token anything (a person at this
     * machine's terminal), a remote host's token that host's agents, an agent's say-credential
     * (see {@link SayCredentials}) that one agent only.
     *
     * @param host set for a host token
     * @param agent set for an agent's credential
     */
    private record Caller(@Nullable String host, @Nullable String agent) {
    }

    /** The caller of a request, or null when its token is missing or wrong. */
    private @Nullable Caller caller(@Nullable String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return null;
        }
        String text = header.substring(7).strip();
        byte[] given = text.getBytes(StandardCharsets.US_ASCII);
        if (MessageDigest.isEqual(token, given)) {
            return new Caller(null, null);
        }
        for (var e : hostTokens.entrySet()) {
            if (MessageDigest.isEqual(e.getValue().getBytes(StandardCharsets.US_ASCII), given)) {
                return new Caller(e.getKey(), null);
            }
        }
        return credentials.verify(text).map(agent -> new Caller(null, agent)).orElse(null);
    }

    private static String readBody(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_BODY + 1);
        if (b.length > MAX_BODY) {
            throw new ServiceException("request body is larger than " + MAX_BODY + " bytes");
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private static JsonNode error(String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("error", message);
        return n;
    }

    private static void reply(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] b = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    /** Stops serving and removes the service file (only if it is still ours). */
    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
        try {
            if (ServiceFile.read(runFile).map(f -> f.token().equals(tokenText)).orElse(false)) {
                Files.deleteIfExists(runFile);
            }
        } catch (IOException | MosaicException e) {
            LOG.debug("could not remove {}: {}", runFile, e.getMessage());
        }
    }
}
