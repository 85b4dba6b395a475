package dev.mosaic.mos.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The web tokens: a JSON file, mode 0600, mapping each secret token to a principal's {@code web}
 * id ({@code {"version":1,"tokens":{"<token>":"owner"}}}). Tokens are created once per web id and
 * kept across restarts; deleting a line revokes that token, and every browser session opened
 * with it, at the next request (open streams within a second or two). Tokens never go on a command line or into a log.
 */
final class TokenStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private Map<String, String> tokens = new LinkedHashMap<>();
    private long loadedModified = Long.MIN_VALUE;

    public TokenStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /**
     * Makes sure every web id has a token, keeping existing ones.
     *
     * @return web id to its token, for every id asked about
     */
    public synchronized Map<String, String> ensure(Collection<String> webIds) {
        reload();
        Map<String, String> byId = new LinkedHashMap<>();
        tokens.forEach((token, id) -> byId.putIfAbsent(id, token));
        boolean changed = false;
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : webIds) {
            String token = byId.get(id);
            if (token == null) {
                token = newToken();
                tokens.put(token, id);
                byId.put(id, token);
                changed = true;
            }
            out.put(id, token);
        }
        if (changed || !Files.exists(file)) {
            write();
        }
        return out;
    }

    /** The web id a token belongs to; compares in constant time so timing reveals nothing. */
    public synchronized Optional<String> webIdFor(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        reload();
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (var e : tokens.entrySet()) {
            if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Whether the token with this fingerprint ({@link WebSessions#sha256}) is still in the store
     * and still belongs to {@code webId}: a browser session lives only as long as its token.
     */
    public synchronized boolean holds(String webId, String fingerprint) {
        reload();
        byte[] given = fingerprint.getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (var e : tokens.entrySet()) {
            if (MessageDigest.isEqual(given, WebSessions.sha256(e.getKey()).getBytes(StandardCharsets.UTF_8))
                    && e.getValue().equals(webId)) {
                found = true;
            }
        }
        return found;
    }

    public synchronized boolean isEmpty() {
        reload();
        return tokens.isEmpty();
    }

    /** Re-reads the file when it changed on disk (an admin revoked or added a token by hand). */
    private void reload() {
        try {
            if (!Files.exists(file)) {
                tokens = new LinkedHashMap<>();
                loadedModified = Long.MIN_VALUE;
                return;
            }
            long modified = Files.getLastModifiedTime(file).toMillis() ^ Files.size(file);
            if (modified == loadedModified) {
                return;
            }
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY); // a token file others can read is a leak
            }
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            JsonNode t = root == null ? null : root.get("tokens");
            if (t == null || !t.isObject()) {
                throw new WebException(500, "token_store", file + " is not a token store: expected"
                        + " {\"version\":1,\"tokens\":{\"<token>\":\"<web id>\"}}");
            }
            Map<String, String> loaded = new LinkedHashMap<>();
            t.fields().forEachRemaining(e -> loaded.put(e.getKey(), e.getValue().asText()));
            tokens = loaded;
            loadedModified = modified;
        } catch (IOException e) {
            throw new WebException(500, "token_store", "cannot read " + file + ": " + e.getMessage());
        }
    }

    private void write() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ObjectNode t = root.putObject("tokens");
        tokens.forEach(t::put);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            // created 0600 from the start: never readable by others, not even for a moment
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
                    StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            loadedModified = Files.getLastModifiedTime(file).toMillis() ^ Files.size(file);
        } catch (IOException e) {
            throw new WebException(500, "token_store", "cannot write " + file + ": " + e.getMessage());
        }
    }

    private static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
