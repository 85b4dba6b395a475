package dev.mosaic.connector.matrix;

import dev.mosaic.connector.ConnectorException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Keeps the {@code /sync} {@code since} token in the connector's state directory, so a restart
 * continues where the last handled batch ended instead of replaying or skipping messages.
 *
 * <p>Written to a temporary file and renamed over the old one, so a crash mid-write leaves either
 * the old or the new token, never a torn one.
 */
final class SinceStore {

    private static final String FILE = "matrix-since";

    private final Path file;

    SinceStore(Path stateDir) {
        this.file = stateDir.resolve(FILE);
    }

    /** The stored token, or empty on first start. */
    Optional<String> load() throws ConnectorException {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ConnectorException("cannot read the Matrix sync position " + file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the stored token atomically. */
    void save(String since) throws ConnectorException {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
            try {
                Files.writeString(tmp, since + "\n", StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new ConnectorException("cannot write the Matrix sync position " + file + ": " + e.getMessage(), e);
        }
    }
}
