package dev.mosaic.mos.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How local clients find the running service: {@code $MOSAIC_HOME/run/mos-service.json} (mode
 * 0600 in a 0700 directory) holds its loopback port and a random token every request must carry.
 * Only the user who runs Mos can read it, so only they (and their agents) can talk to it.
 *
 * @param pid the service's process id
 * @param port its port on 127.0.0.1
 * @param token the bearer token (never logged)
 * @param startedAt when it started
 */
record ServiceFile(long pid, int port, String token, Instant startedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ServiceFile {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    /** Where the file lives for a given {@code MOSAIC_HOME}. */
    public static Path path(Path mosaicHome) {
        return mosaicHome.resolve("run").resolve("mos-service.json");
    }

    /** The file's content, or empty when there is none (the service is not running). */
    public static Optional<ServiceFile> read(Path file) {
        try {
            JsonNode n = JSON.readTree(Files.readString(file));
            return Optional.of(new ServiceFile(n.path("pid").asLong(), n.path("port").asInt(), n.path("token").asText(),
                    Instant.parse(n.path("startedAt").asText())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            throw new ServiceException("cannot read " + file + " (" + e.getClass().getSimpleName()
                    + "); if Mos is not running, delete it");
        }
    }

    /** Writes the file atomically with mode 0600 (directory 0700). */
    public void write(Path file) {
        PrivateFiles.write(file, json());
    }

    /** The file's content (also written on remote hosts for their agents, see RemoteAgentBridge). */
    public String json() {
        ObjectNode n = JSON.createObjectNode();
        n.put("pid", pid);
        n.put("port", port);
        n.put("token", token);
        n.put("startedAt", startedAt.toString());
        return n.toString() + "\n";
    }

    /** Masks the token, so a file can be printed or logged. */
    @Override
    public String toString() {
        return "ServiceFile[pid=" + pid + ", port=" + port + ", startedAt=" + startedAt + "]";
    }
}
