package dev.mosaic.fleet.roster;

import dev.mosaic.fleet.runtime.RuntimeProfiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Loads, validates and saves one {@code roster.yaml}.
 *
 * <p>Writes are atomic (a temp file in the same directory, fsync, rename, fsync of the directory)
 * and serialized across processes by a lock on the sibling {@code <roster>.lock} file (and across
 * threads of one JVM by an in-process lock, since file locks are per process). An
 * {@link #update} re-reads the file under the lock, so concurrent writers never lose an update.
 * A write that would produce an invalid roster throws and leaves the file byte-for-byte unchanged.
 */
public final class RosterStore {

    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final Path userPresetsDir;
    private final ConnectorSchema connectors;
    private volatile RuntimeProfiles runtimes;

    /**
     * A store whose runtime names come from the shipped profiles and the roster's {@code runtimes:};
     * it knows no connector, so every {@code connectors:} block and principal platform is accepted.
     */
    public RosterStore(Path file) {
        this(file, null);
    }

    /** A store that also knows the user's runtime profiles in {@code userPresetsDir/runtimes/}. */
    public RosterStore(Path file, Path userPresetsDir) {
        this(file, userPresetsDir, ConnectorSchema.open());
    }

    /**
     * A store that also validates {@code connectors:} blocks and principal ids against
     * {@code connectors} (the connector plugins installed), on every load, update and validation.
     */
    public RosterStore(Path file, Path userPresetsDir, ConnectorSchema connectors) {
        this.file = file.toAbsolutePath().normalize();
        this.userPresetsDir = userPresetsDir;
        this.connectors = java.util.Objects.requireNonNull(connectors, "connectors");
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** The runtime profiles this store validates against (shipped + user directory). */
    public RuntimeProfiles runtimes() {
        RuntimeProfiles r = runtimes;
        if (r == null) {
            r = RuntimeProfiles.load(userPresetsDir);
            runtimes = r;
        }
        return r;
    }

    /**
     * Parses and validates the roster.
     *
     * @throws RosterException "file:line: ..." on bad input, or when the file does not exist
     */
    public Roster load() {
        return parse(read()).roster();
    }

    /**
     * Like {@link #load()}, and also resolves every secret reference against {@code env} (the values
     * are discarded), so a reference that cannot be resolved is reported with its file and line.
     */
    public Roster load(Map<String, String> env) {
        RosterParser.Parsed parsed = parse(read());
        for (RosterParser.SecretRef ref : parsed.secrets()) {
            try {
                Secrets.resolve(ref.ref(), env);
            } catch (RosterException e) {
                throw new RosterException(file + ":" + ref.line() + ": " + ref.where() + ": " + e.getMessage(), e);
            }
        }
        return parsed.roster();
    }

    /** Validates {@code text} as if it were this file's content; nothing is written. */
    public Roster validate(String text) {
        return parse(text).roster();
    }

    /** The current text of the file. */
    public String read() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RosterException(file + " does not exist: create it with 'mosaic fleet init'");
        } catch (IOException e) {
            throw new RosterException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** An editable copy of the current file (changes are not saved; use {@link #update}). */
    public RosterDocument document() {
        return RosterDocument.parse(read(), file.toString());
    }

    /**
     * Locks, re-reads the file, applies {@code edit} to its node tree, validates the result and
     * writes it atomically. Nothing is written when the edit or the validation throws.
     *
     * @return the new roster
     */
    public Roster update(Consumer<RosterDocument> edit) {
        return locked(() -> {
            String text = read();
            parse(text);
            RosterDocument doc = RosterDocument.parse(text, file.toString());
            edit.accept(doc);
            String next = doc.toYaml();
            Roster roster = parse(next).roster();
            writeAtomically(file, next);
            return roster;
        });
    }

    /**
     * Creates the roster from {@code yamlText} (validated first).
     *
     * @throws RosterException when the file already exists or the text is not a valid roster
     */
    public Roster create(String yamlText) {
        return locked(() -> {
            Roster roster = parse(yamlText).roster();
            if (exists()) {
                throw new RosterException(file + " already exists: use 'mosaic fleet init' to merge a preset into it,"
                        + " or edit it with 'mosaic fleet agent add/remove'");
            }
            writeAtomically(file, yamlText);
            return roster;
        });
    }

    /**
     * Replaces the roster with {@code yamlText} (validated first), keeping the previous file as
     * {@code backup} when one is given and the file exists. For re-init.
     */
    public Roster replace(String yamlText, Path backup) {
        return replace(yamlText, backup, null);
    }

    /**
     * Like {@link #replace(String, Path)}, but only when the file still holds {@code expected}
     * (checked under the lock), so a merge computed from an older text never overwrites a newer edit.
     *
     * @throws RosterException when the file changed since {@code expected} was read
     */
    public Roster replace(String yamlText, Path backup, String expected) {
        return locked(() -> {
            Roster roster = parse(yamlText).roster();
            if (expected != null && !expected.equals(read())) {
                throw new RosterException(file + " changed while this command ran; nothing was written, run it again");
            }
            if (backup != null && exists()) {
                try {
                    Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES);
                } catch (FileAlreadyExistsException e) {
                    throw new RosterException("backup " + backup + " already exists");
                } catch (IOException e) {
                    throw new RosterException("cannot back up " + file + " to " + backup + ": " + e.getMessage(), e);
                }
            }
            writeAtomically(file, yamlText);
            return roster;
        });
    }

    private RosterParser.Parsed parse(String text) {
        return new RosterParser(file, runtimes(), connectors).parse(RosterYaml.compose(text, file.toString()));
    }

    private <T> T locked(Supplier<T> action) {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        jvmLock.lock();
        try {
            Files.createDirectories(file.getParent());
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw new RosterException("cannot lock " + file + ": " + e.getMessage(), e);
        } finally {
            jvmLock.unlock();
        }
    }

    /**
     * Writes {@code text} to {@code target} atomically: readers see the old or the new content,
     * never a mix, even if the process dies mid-write. Keeps the old file's permissions.
     */
    public static void writeAtomically(Path target, String text) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
            if (view != null) {
                view.setPermissions(Files.exists(target) ? Files.getPosixFilePermissions(target)
                        : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new RosterException("cannot replace " + target + " atomically on this file system");
            }
            tmp = null;
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException ignored) {
                // some file systems cannot fsync a directory; the rename itself is still atomic
            }
        } catch (IOException e) {
            throw new RosterException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a stray temp file is harmless and named after the roster
                }
            }
        }
    }
}
