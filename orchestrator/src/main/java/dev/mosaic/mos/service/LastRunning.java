package dev.mosaic.mos.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the service was last seen running ({@code $MOSAIC_HOME/mos/state/last-running}, one
 * ISO-8601 instant): written at start, every half minute and at stop. The next start reads it to
 * tell commands sent while Mos was down (handled by {@code offlineCommands:}) from history: only
 * the very first start, without the file, skips everything sent before it.
 */
final class LastRunning {

    private static final Logger LOG = LoggerFactory.getLogger(LastRunning.class);

    private final Path file;
    private final Clock clock;

    LastRunning(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** When the previous run was last seen; empty on the very first start (or an unreadable file). */
    Optional<Instant> previous() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (IOException | DateTimeParseException e) {
            LOG.warn("ignoring unreadable {} ({}): commands sent while Mos was down are treated as history",
                    file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Records that the service runs now. */
    void mark() {
        PrivateFiles.write(file, clock.instant() + "\n");
    }
}
