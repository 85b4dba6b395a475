package dev.mosaic.fleet.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * File mechanics of the audit log kept out of {@link AuditLog}: owner-only modes, fsynced appends
 * and head reads and writes, the files' state and a write probe, and the repair of a tail torn by
 * a crash. Callers hold the log's locks.
 */
final class AuditFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AuditFiles() {
    }

    /** Appends one line and forces it to disk before returning: an acknowledged record survives a crash. */
    static void appendLine(Path file, String line) throws IOException {
        ensureOwnerOnly(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    /** Replaces the head file atomically, fsynced, owner-only. */
    static void writeHead(Path head, AuditHead value) throws IOException {
        Path tmp = head.resolveSibling(head.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap((value.seq() + " " + value.hash() + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, head, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The head's {@code <seq> <sha256>} (seq 0 and the genesis hash when there is no head yet). */
    static String[] readHead(Path head) throws IOException {
        if (!Files.exists(head)) {
            return new String[] {"0", AuditLog.GENESIS};
        }
        String[] parts = Files.readString(head, StandardCharsets.UTF_8).strip().split(" ");
        if (parts.length != 2) {
            throw new AuditException(head + " is corrupt: expected '<seq> <sha256>'");
        }
        return parts;
    }

    /**
     * The log's and head's identity, size and modification time: equal to what the log last saw
     * when nobody wrote either since it left them clean (an atomic head replace makes a new file,
     * so its key changes even within one timestamp tick).
     */
    static String state(Path file, Path head) throws IOException {
        return describe(file) + "|" + describe(head);
    }

    private static String describe(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return "-";
        }
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return a.fileKey() + ":" + a.size() + ":" + a.lastModifiedTime();
    }

    /**
     * Throws unless the log, its lock and its head can be opened for writing now (a file not there
     * yet: unless the folder lets one be created), without writing anything.
     */
    static void probeWritable(Path file, Path lockFile, Path head) throws IOException {
        Files.createDirectories(file.getParent());
        for (Path p : new Path[] {file, lockFile}) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(p)) {
                try (FileChannel ignored = FileChannel.open(p, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                    // opened: writable
                }
            } else {
                // not there yet: the first append creates it (with its own permissions); can it?
                Files.delete(Files.createTempFile(file.getParent(), ".audit-probe", ".tmp"));
            }
        }
        if (Files.exists(head) && !Files.isRegularFile(head)) {
            throw new IOException(head + " is not a regular file");
        }
    }

    /** Creates the file owner-only, or narrows an existing one (logs written by older versions were 0644). */
    static void ensureOwnerOnly(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    /**
     * Sets aside a last line that a crash left unfinished (no newline, or not JSON) into
     * {@code <log>.torn}, so the log reads again, and returns what was done (empty: nothing).
     */
    static List<String> repairTornTail(Path file) throws IOException {
        List<String> notes = new ArrayList<>();
        if (!Files.exists(file) || Files.size(file) == 0) {
            return notes;
        }
        byte[] all = Files.readAllBytes(file);
        int end = all.length;
        int lastNl = lastNewline(all, end - 1);
        int cut;
        if (all[end - 1] != '\n') {
            cut = lastNl + 1; // bytes after the last newline never got theirs
        } else {
            int start = lastNewline(all, end - 2) + 1;
            String last = new String(all, start, end - 1 - start, StandardCharsets.UTF_8);
            if (last.isBlank() || AuditLog.isRecord(last)) {
                return notes;
            }
            cut = start; // a complete line that is not a record: the tail of an interrupted write
        }
        Path side = file.resolveSibling(file.getFileName() + ".torn");
        ensureOwnerOnly(side);
        Files.write(side, java.util.Arrays.copyOfRange(all, cut, end), StandardOpenOption.APPEND);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(cut);
            ch.force(true);
        }
        notes.add("a torn last record (" + (end - cut) + " bytes, left by a crash) was set aside in " + side);
        return notes;
    }

    private static int lastNewline(byte[] bytes, int from) {
        for (int i = from; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
