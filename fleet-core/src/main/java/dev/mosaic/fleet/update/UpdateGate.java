package dev.mosaic.fleet.update;

import dev.mosaic.fleet.FleetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The hold an update puts on an agent while it restarts it: a marker file
 * {@code <runDir>/<agent>.updating} holding the updater's pid, so sends from any process (the
 * service, the CLI, an agent's {@code mosaic}) wait until the agent is ready again instead of
 * typing into a harness that is starting. A marker whose process has died is stale and ignored.
 */
public final class UpdateGate {

    private final Path runDir;

    public UpdateGate(Path runDir) {
        this.runDir = runDir;
    }

    private Path marker(String agent) {
        return runDir.resolve(agent + ".updating");
    }

    /** Holds sends to {@code agent} (idempotent). */
    public void hold(String agent) {
        try {
            Files.createDirectories(runDir);
            Path tmp = runDir.resolve(agent + ".updating.tmp." + ProcessHandle.current().pid());
            Files.writeString(tmp, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, marker(agent), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new FleetException("cannot hold messages for '" + agent + "' in " + runDir + ": " + e.getMessage(), e);
        }
    }

    /** Lets sends to {@code agent} through again (idempotent). */
    public void release(String agent) {
        try {
            Files.deleteIfExists(marker(agent));
        } catch (IOException e) {
            throw new FleetException("cannot release messages for '" + agent + "': " + e.getMessage(), e);
        }
    }

    /** True while a live updater holds {@code agent}. */
    public boolean held(String agent) {
        Path m = marker(agent);
        String pid;
        try {
            pid = Files.readString(m, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return false;
        }
        try {
            if (ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
                return true;
            }
        } catch (NumberFormatException e) {
            // a torn or foreign file: treat as stale
        }
        try {
            Files.deleteIfExists(m); // its updater died: nothing will release it
        } catch (IOException ignored) {
            // another reader removed it
        }
        return false;
    }

    /**
     * Waits while {@code agent} is held, up to {@code max}.
     *
     * @throws FleetException when it is still held after {@code max}, or the wait is interrupted
     */
    public void await(String agent, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (held(agent)) {
            if (System.nanoTime() > deadline) {
                throw new FleetException("agent '" + agent + "' is still being updated after " + max.toMinutes()
                        + " min; the message was not sent");
            }
            try {
                Thread.sleep(100); // a restart takes seconds; a file check costs microseconds
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FleetException("interrupted while '" + agent + "' was being updated; the message was not sent");
            }
        }
    }
}
