package dev.mosaic.mos.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Talks to the running service's {@link LocalEndpoint}, found through its {@link ServiceFile}. */
public final class LocalClient {

    /** The service is not running (no service file, or nobody answers at its port). */
    public static final class NotRunningException extends ServiceException {
        private static final long serialVersionUID = 1L;

        NotRunningException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceFile service;
    private final HttpClient http;
    /** An agent's say-credential: say and send carry it instead of the service file's token. */
    private final String credential;

    private LocalClient(ServiceFile service, String credential) {
        this.service = service;
        this.credential = credential == null || credential.isBlank() ? null : credential.strip();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    /**
     * A client for the service of {@code mosaicHome}.
     *
     * @throws NotRunningException when no service file exists
     */
    public static LocalClient of(Path mosaicHome) {
        return of(mosaicHome, null);
    }

    /**
     * A client that says and sends with an agent's say-credential ({@code MOSAIC_SAY_TOKEN}, or
     * {@code null} for none): the service then takes the speaker from the credential.
     *
     * @throws NotRunningException when no service file exists
     */
    public static LocalClient of(Path mosaicHome, String credential) {
        Path file = ServiceFile.path(mosaicHome);
        return new LocalClient(ServiceFile.read(file).orElseThrow(() -> new NotRunningException(
                "Mos is not running (no " + file + "); start it with 'mosaic mos serve'")), credential);
    }

    /** The service's status document. */
    public JsonNode status() {
        return call(HttpRequest.newBuilder(uri("/v1/status")).GET(), service.token());
    }

    /** Posts {@code text} for {@code agent}; returns the conversation key it went to. */
    public String say(String agent, String to, String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("agent", agent);
        body.put("to", to);
        body.put("text", text);
        return call(HttpRequest.newBuilder(uri("/v1/say"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), speakingToken())
                .path("conversation").asText();
    }

    /**
     * Comms mode matrix: posts {@code text} into {@code agent}'s room as {@code from} and has the
     * service deliver it into the agent's pane; returns the room's conversation key.
     */
    public String send(String agent, String from, String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("agent", agent);
        body.put("from", from);
        body.put("text", text);
        return call(HttpRequest.newBuilder(uri("/v1/send"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), speakingToken())
                .path("conversation").asText();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + service.port() + path);
    }

    private String speakingToken() {
        return credential != null ? credential : service.token();
    }

    private JsonNode call(HttpRequest.Builder request, String bearer) {
        HttpResponse<String> res;
        try {
            res = http.send(request.header("Authorization", "Bearer " + bearer)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new NotRunningException("Mos is not running (pid " + service.pid() + " does not answer on port "
                    + service.port() + "); start it with 'mosaic mos serve'");
        } catch (IOException e) {
            throw new ServiceException("cannot reach Mos on 127.0.0.1:" + service.port() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException("interrupted while waiting for Mos");
        }
        JsonNode body;
        try {
            body = JSON.readTree(res.body());
        } catch (IOException e) {
            throw new ServiceException("Mos answered with something that is not JSON (HTTP " + res.statusCode() + ")");
        }
        if (res.statusCode() != 200) {
            throw new ServiceException(body.path("error").asText("HTTP " + res.statusCode()));
        }
        return body;
    }
}
