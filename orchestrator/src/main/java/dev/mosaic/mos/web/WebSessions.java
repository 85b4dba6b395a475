package dev.mosaic.mos.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser sessions behind the {@value WebAuth#COOKIE} cookie. A successful login creates a
 * random session id (the cookie's value: never the token, so a cookie that leaks reveals no
 * credential and {@code /logout} really ends something). The server keeps, per session, the web id
 * and a fingerprint of the token it was opened with; a session counts only while that token is
 * still in {@code web-tokens.json}, so revoking a token ends its sessions too. Kept in
 * {@code web-sessions.json} (0600, beside the tokens) under the SHA-256 of each id, so a service
 * restart logs nobody out and the file holds no usable cookie.
 */
final class WebSessions {

    private static final Logger LOG = LoggerFactory.getLogger(WebSessions.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    static final Duration LIFETIME = Duration.ofDays(30);
    private static final int MAX_SESSIONS = 1000;

    /** One session: whose, opened with which token (its fingerprint), until when. */
    record Session(String webId, String tokenFingerprint, Instant expires) {
    }

    private final Path file;
    private final Clock clock;
    private final Map<String, Session> byIdHash = new LinkedHashMap<>();

    WebSessions(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        load();
    }

    /** Opens a session for {@code webId}, logged in with {@code token}; returns the new session id. */
    synchronized String open(String webId, String token) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        prune();
        while (byIdHash.size() >= MAX_SESSIONS) {
            byIdHash.remove(byIdHash.keySet().iterator().next()); // the oldest goes first
        }
        byIdHash.put(sha256(id), new Session(webId, sha256(token), clock.instant().plus(LIFETIME)));
        save();
        return id;
    }

    /** The live session with this id (not expired, not logged out); the caller checks its token. */
    synchronized Optional<Session> find(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        Session s = byIdHash.get(sha256(id));
        if (s == null || !s.expires().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** Ends the session with this id ({@code /logout}); true when there was one. */
    synchronized boolean close(String id) {
        if (id == null || byIdHash.remove(sha256(id)) == null) {
            return false;
        }
        save();
        return true;
    }

    synchronized int size() {
        return byIdHash.size();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private void prune() {
        Instant now = clock.instant();
        byIdHash.values().removeIf(s -> !s.expires().isAfter(now));
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonNode sessions = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)).path("sessions");
            sessions.fields().forEachRemaining(e -> byIdHash.put(e.getKey(), new Session(
                    e.getValue().path("webId").asText(), e.getValue().path("token").asText(),
                    Instant.parse(e.getValue().path("expires").asText()))));
        } catch (IOException | RuntimeException e) {
            // sessions are disposable: a broken file costs a login, never the service
            LOG.warn("ignoring the web sessions in {} (everyone logs in again): {}", file, e.getMessage());
            byIdHash.clear();
        }
    }

    private void save() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ObjectNode all = root.putObject("sessions");
        byIdHash.forEach((k, s) -> {
            ObjectNode n = all.putObject(k);
            n.put("webId", s.webId());
            n.put("token", s.tokenFingerprint());
            n.put("expires", s.expires().toString());
        });
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, root.toString() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // the session still works in memory until the next restart
            LOG.warn("cannot save web sessions to {}: {}", file, e.getMessage());
        }
    }
}
