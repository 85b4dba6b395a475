package dev.mosaic.mos.service;

import org.jspecify.annotations.Nullable;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.roster.Roster;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the roster when its file changes. Watches the roster's directory (editors and our own
 * atomic writes replace the file by renaming, which a watch on the file itself would miss),
 * waits for a short quiet period so one save is one reload, and skips saves that did not change
 * the text. A roster that does not load is reported and the old one stays in force.
 */
final class RosterWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RosterWatcher.class);

    private final Path file;
    private final Supplier<Roster> loader;
    private final Consumer<Roster> onChange;
    private final Consumer<String> onInvalid;
    private final Duration quiet;
    private final WatchService watch;
    private final Thread thread;
    private volatile @Nullable String lastText;

    /**
     * @param file the roster file
     * @param loader loads and validates it (throws a {@link MosaicException} naming file:line)
     * @param onChange receives each new valid roster
     * @param onInvalid receives the reason a changed roster was not taken
     * @param quiet how long the file must stay unchanged before it is read
     */
    public RosterWatcher(Path file, Supplier<Roster> loader, Consumer<Roster> onChange, Consumer<String> onInvalid,
                         Duration quiet) {
        this.file = file.toAbsolutePath().normalize();
        this.loader = Objects.requireNonNull(loader, "loader");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.onInvalid = Objects.requireNonNull(onInvalid, "onInvalid");
        this.quiet = Objects.requireNonNull(quiet, "quiet");
        this.lastText = readText();
        try {
            this.watch = this.file.getFileSystem().newWatchService();
            this.file.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            throw new ServiceException("cannot watch " + this.file.getParent() + " for roster changes: " + e.getMessage(), e);
        }
        this.thread = new Thread(this::run, "mos-roster-watcher");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watch.take();
                boolean ours = drain(key);
                // coalesce a burst of events (temp file, rename, editor backup) into one reload
                while (true) {
                    WatchKey more = watch.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
                    if (more == null) {
                        break;
                    }
                    ours |= drain(more);
                }
                if (ours) {
                    reloadSurviving();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    /**
     * One reload that cannot end the watcher: whatever one bad file throws (an Error included) is
     * reported like an invalid roster, and the next save is read again. A dead watcher would keep
     * a removed principal's rights until the service restarts.
     */
    private void reloadSurviving() {
        try {
            reload();
        } catch (Throwable t) { // NOPMD - the loop must outlive any one iteration
            LOG.error("roster {} could not be read; keeping the previous one", file, t);
            try {
                onInvalid.accept(file + ": cannot be read (" + t.getClass().getSimpleName()
                        + (t.getMessage() == null ? "" : ": " + t.getMessage()) + "); keeping the roster loaded before");
            } catch (RuntimeException reportFailed) {
                LOG.error("could not report the roster problem", reportFailed);
            }
        }
    }

    private boolean drain(WatchKey key) {
        boolean ours = false;
        for (WatchEvent<?> e : key.pollEvents()) {
            if (e.kind() == StandardWatchEventKinds.OVERFLOW || file.getFileName().equals(e.context())) {
                ours = true;
            }
        }
        key.reset();
        return ours;
    }

    /** Reads the file now and applies it if its text changed (also used by tests and SIGHUP-like triggers). */
    public synchronized void reload() {
        String text = readText();
        if (text == null) {
            onInvalid.accept(file + " was removed; keeping the roster loaded before");
            return;
        }
        if (text.equals(lastText)) {
            return;
        }
        try {
            Roster r = loader.get();
            lastText = text;
            LOG.info("roster {} changed: reloaded", file);
            onChange.accept(r);
        } catch (MosaicException e) {
            LOG.warn("roster {} changed but is invalid, keeping the previous one: {}", file, e.getMessage());
            onInvalid.accept(e.getMessage());
        }
    }

    private @Nullable String readText() {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            watch.close();
        } catch (IOException ignored) {
            // nothing to release
        }
        thread.interrupt();
    }
}
