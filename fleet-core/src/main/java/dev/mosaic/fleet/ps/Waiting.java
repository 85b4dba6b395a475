package dev.mosaic.fleet.ps;

import java.time.Instant;
import java.util.Objects;

/**
 * What an agent waits for while its activity is {@code waiting_approval} or {@code waiting_input}
 * (the {@code waiting} object of {@code mosaic.fleet.ps/v1}).
 *
 * @param kind {@code approval} (a permission prompt) or {@code input} (a question or dialog)
 * @param summary what it wants, redacted: {@code "Bash: touch /tmp/x"}, or the dialog's text
 * @param since when the wait began, or {@code null} when unknown
 */
public record Waiting(String kind, String summary, Instant since) {

    public Waiting {
        Objects.requireNonNull(kind, "kind");
        summary = summary == null ? "" : summary;
    }
}
