package dev.mosaic.fleet.audit;

import java.util.regex.Pattern;

/**
 * The head of the audit chain: the last record's sequence number and the SHA-256 of its line.
 * Published outside the machine (Mos posts it to the admins' conversation), it lets
 * {@code mosaic mos audit --verify --head SEQ:HASH} prove that nobody rewrote the log since.
 *
 * @param seq the last record's sequence number (0 for an empty log)
 * @param hash the SHA-256 of that record's line, 64 lower-case hex digits
 */
public record AuditHead(long seq, String hash) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public AuditHead {
        if (seq < 0) {
            throw new AuditException("audit head seq must be 0 or more, was " + seq);
        }
        if (hash == null || !HEX.matcher(hash).matches()) {
            throw new AuditException("audit head hash must be 64 hex digits, was '" + hash + "'");
        }
    }

    /** Parses {@code SEQ:HASH} as printed by {@link #toString()}. */
    public static AuditHead parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 1) {
            throw new AuditException("audit head '" + text + "' must look like SEQ:HASH, e.g. 120:3f2a…");
        }
        long seq;
        try {
            seq = Long.parseLong(text.substring(0, colon).strip());
        } catch (NumberFormatException e) {
            throw new AuditException("audit head '" + text + "': '" + text.substring(0, colon) + "' is not a number");
        }
        return new AuditHead(seq, text.substring(colon + 1).strip().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return seq + ":" + hash;
    }
}
