package dev.mosaic.fleet.update;

import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.redact.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;

/**
 * One update run's log, {@code $MOSAIC_HOME/updates/<id>.log}: every step and the full output of
 * each install command (redacted), for when the short report is not enough.
 */
final class UpdateLog {

    private final Path file;
    private final Clock clock;

    UpdateLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    Path file() {
        return file;
    }

    synchronized void line(String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, clock.instant() + " " + Redactor.redact(text) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is an aid; the report, the history and the audit trail still say what happened
        }
    }

    void command(String host, List<String> argv, CommandResult r) {
        StringBuilder b = new StringBuilder("$ ").append(String.join(" ", argv)).append("   (on ").append(host)
                .append(", exit ").append(r.exitCode()).append(")\n");
        if (!r.stdout().isBlank()) {
            b.append(r.stdout().stripTrailing()).append('\n');
        }
        if (!r.stderr().isBlank()) {
            b.append("[stderr]\n").append(r.stderr().stripTrailing()).append('\n');
        }
        line(b.toString().stripTrailing());
    }
}
