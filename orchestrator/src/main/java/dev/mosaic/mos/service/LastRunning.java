package dev.mosaic.mos.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
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

    /**
     * Where history ends: when the previous run was last seen, rounded down to the whole second;
     * empty on the very first start (or an unreadable file).
     *
     * <p>Rounded down because platforms stamp messages coarser than our clock (Matrix and Discord
     * in milliseconds, Telegram in seconds): a command sent a few microseconds after the stop was
     * recorded could otherwise carry a stamp before it and vanish as history. What the previous run
     * did handle in that last second is still not run twice: the deduper remembers its ids.
     */
    Optional<Instant> previous() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(Files.readString(file, StandardCharsets.UTF_8).strip())
                    .truncatedTo(ChronoUnit.SECONDS));
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
