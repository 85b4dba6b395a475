package dev.mosaic.fleet.exec;

import java.util.List;
import java.util.Objects;

/**
 * What one finished process produced.
 *
 * @param argv the argv that ran (for messages)
 * @param exitCode its exit status
 * @param stdout everything it wrote to standard output (UTF-8)
 * @param stderr everything it wrote to standard error (UTF-8)
 */
public record CommandResult(List<String> argv, int exitCode, String stdout, String stderr) {

    public CommandResult {
        argv = List.copyOf(argv);
        stdout = Objects.requireNonNullElse(stdout, "");
        stderr = Objects.requireNonNullElse(stderr, "");
    }

    public boolean ok() {
        return exitCode == 0;
    }
}
