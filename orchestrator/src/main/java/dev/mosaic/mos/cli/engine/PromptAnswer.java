package dev.mosaic.mos.cli.engine;

import dev.mosaic.fleet.harness.Approvals;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The short id of a permission prompt that chat buttons and {@code --prompt} name. */
public final class PromptAnswer {

    private PromptAnswer() {
    }

    /** A short id of a prompt (its fingerprint's hash), as relayed to chat and accepted by {@code --prompt}. */
    public static String id(Approvals.Prompt p) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(p.fingerprint().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
