package dev.mosaic.fleet.engine;

import dev.mosaic.fleet.FleetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Every agent Mos starts gets its own say-credential ({@value #ENV} in its environment, delivered
 * through the launcher's env file, never on a command line): {@code mos1.<agent>.<nonce>.<mac>},
 * a fresh random nonce per start and an HMAC-SHA256 over agent and nonce with a key that only
 * this {@code MOSAIC_HOME} holds ({@code run/say-credentials.key}, 0600 in a 0700 directory).
 * The service's local endpoint derives the speaker from the credential, so an agent's
 * {@code mos say} cannot speak as Mos or as another agent. The key is created by whoever starts
 * the first agent (CLI or service) and shared by both; nothing per agent needs storing.
 */
public final class SayCredentials {

    /** The environment variable that carries an agent's credential. */
    public static final String ENV = "MOSAIC_SAY_TOKEN";

    private static final Pattern FORM = Pattern.compile("mos1\\.([a-z0-9][a-z0-9_-]{0,39})\\.([0-9a-f]{32})\\.([0-9a-f]{64})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keyFile;

    private SayCredentials(Path keyFile) {
        this.keyFile = keyFile;
    }

    /** The credentials of agents started from {@code mosaicHome}. */
    public static SayCredentials of(Path mosaicHome) {
        return new SayCredentials(mosaicHome.resolve("run").resolve("say-credentials.key"));
    }

    /** True when {@code token} has the shape of a credential (not that it is valid). */
    public static boolean looksLikeCredential(String token) {
        return token != null && token.startsWith("mos1.");
    }

    /**
     * The agent name a credential claims (unverified: for messages and the request; the service
     * verifies), or {@code "?"} when it has no such part.
     */
    public static String agentOf(String token) {
        String[] parts = token.strip().split("\\.");
        return parts.length > 1 ? parts[1] : "?";
    }

    /** A new credential for {@code agent} (creating the key on first use). */
    public String issue(String agent) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String n = HexFormat.of().formatHex(nonce);
        String token = "mos1." + agent + "." + n + "." + mac(key(true), agent, n);
        if (!FORM.matcher(token).matches()) {
            throw new FleetException("agent name '" + agent + "' cannot carry a say-credential");
        }
        return token;
    }

    /**
     * The agent a credential was issued to, or empty when it is malformed, forged, or no key exists.
     * Compared in constant time.
     */
    public Optional<String> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(token.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        byte[] key = key(false);
        if (key == null) {
            return Optional.empty();
        }
        byte[] expected = mac(key, m.group(1), m.group(2)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, m.group(3).getBytes(StandardCharsets.US_ASCII))
                ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String mac(byte[] key, String agent, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("mosaic-say\0" + agent + "\0" + nonce)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key; created (atomically, 0600, directory 0700) when {@code create} and missing, else null. */
    private byte[] key(boolean create) {
        try {
            return HexFormat.of().parseHex(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
        } catch (NoSuchFileException e) {
            if (!create) {
                return null;
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new FleetException("cannot read the say-credential key " + keyFile + ": " + e.getMessage(), e);
        }
        try {
            Path dir = EnvFile.privateDir(keyFile.getParent());
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            Path tmp = Files.createTempFile(dir, ".say-credentials", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(tmp, HexFormat.of().formatHex(raw) + "\n", StandardCharsets.US_ASCII);
                // a link fails when the file exists: two processes racing agree on the winner's key
                Files.createLink(keyFile, tmp);
            } catch (FileAlreadyExistsException lost) {
                // another process created it first; use theirs
            } finally {
                Files.deleteIfExists(tmp);
            }
            return HexFormat.of().parseHex(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
        } catch (IOException | IllegalArgumentException e) {
            throw new FleetException("cannot create the say-credential key " + keyFile + ": " + e.getMessage(), e);
        }
    }
}
