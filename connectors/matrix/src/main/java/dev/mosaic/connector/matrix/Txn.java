package dev.mosaic.connector.matrix;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Transaction ids for {@code PUT .../send/{type}/{txnId}}. The homeserver turns a repeated txn id
 * into the event it already made, so a retry after a lost response never posts a message twice.
 */
final class Txn {

    private Txn() {
    }

    /**
     * The base of a reply's txn ids: derived from the message it answers and the text, so the
     * service re-sending the same reply (for example after a connector restart) is folded into the
     * first; a message that answers nothing gets a fresh random base.
     */
    static String base(String inReplyTo, String text) {
        return inReplyTo == null ? "mos-" + UUID.randomUUID() : "mos-r-" + hash(inReplyTo + "\n" + text);
    }

    /** The txn id of part {@code index} of a split message. */
    static String part(String base, int index) {
        return base + "." + index;
    }

    static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
