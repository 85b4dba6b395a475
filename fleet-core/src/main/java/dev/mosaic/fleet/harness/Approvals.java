package dev.mosaic.fleet.harness;

import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Answers a harness's permission prompt by pressing keys — only after re-reading the screen and
 * confirming the same prompt is still there, and never sooner than {@link #SETTLE} after it was
 * seen (Claude Code ignores an Enter that arrives within ~0.1 s of its dialog). Approve is Enter
 * (the focused "Yes"), deny is Escape. Mos never approves on its own: a person's command calls this.
 */
public final class Approvals {

    /** How long the prompt must have been on screen before a key is pressed. */
    public static final Duration SETTLE = Duration.ofMillis(150);

    /**
     * A permission prompt on an agent's screen.
     *
     * @param summary what it wants (redacted)
     * @param fingerprint the dialog's text: the same prompt has the same fingerprint
     */
    public record Prompt(String summary, String fingerprint) {
    }

    private Approvals() {
    }

    /** The permission prompt {@code screen} shows, if any. */
    public static Optional<Prompt> read(RuntimeProfile p, String screen, String request) {
        if (screen == null || p.screen().approval() == null) {
            return Optional.empty();
        }
        if (!p.screen().classify(screen, p.ready()).map("waiting_approval"::equals).orElse(false)) {
            return Optional.empty();
        }
        String fingerprint = dialog(p, screen);
        String summary = request == null ? null : LiveState.requestSummary(request);
        if (summary == null) {
            summary = p.screen().excerpt(screen, "waiting_approval", 8, 0);
        }
        return Optional.of(new Prompt(LiveState.clip(summary), fingerprint));
    }

    /**
     * Presses approve or deny on the prompt {@code expected} (or whatever prompt is there when
     * {@code null}) and returns the prompt answered.
     *
     * @param screen reads the visible pane
     * @param press presses one tmux key name
     * @param now what the agent is doing now, for the refusal
     * @throws FleetException "that prompt is gone (it is now …)" when the prompt is not (or no longer) there
     */
    public static Prompt answer(String agent, RuntimeProfile p, boolean approve, String expected,
                                Supplier<String> screen, Supplier<String> request, Consumer<String> press,
                                Supplier<String> now) {
        Optional<Prompt> first = read(p, screen.get(), request.get());
        if (first.isEmpty() || (expected != null && !expected.equals(first.get().fingerprint()))) {
            throw gone(agent, first, now);
        }
        pause(SETTLE);
        Optional<Prompt> again = read(p, screen.get(), request.get());
        if (again.isEmpty() || !again.get().fingerprint().equals(first.get().fingerprint())) {
            throw gone(agent, again, now);
        }
        press.accept(approve ? "Enter" : "Escape");
        return again.get();
    }

    /**
     * The dialog's own lines: from below the box rule above the question down to the question —
     * not the transcript above it, whose spinner and bullets redraw while the prompt stays the same.
     */
    static String dialog(RuntimeProfile p, String screen) {
        java.util.regex.Matcher m = p.screen().approval().matcher(screen);
        if (!m.find()) {
            return "";
        }
        String[] lines = screen.split("\n", -1);
        int at = screen.substring(0, m.start()).split("\n", -1).length - 1;
        int from = at;
        while (from > 0 && at - from < 16 && !lines[from - 1].strip().startsWith("─")) {
            from--;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= at; i++) {
            sb.append(lines[i].strip()).append('\n');
        }
        return sb.toString();
    }

    private static FleetException gone(String agent, Optional<Prompt> current, Supplier<String> now) {
        String it = current.map(pr -> "waiting for approval of " + pr.summary()).orElseGet(now);
        return new FleetException("that prompt is gone (" + agent + " is now " + it + ")");
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis()); // the harness must have shown the dialog this long (see SETTLE)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("interrupted while answering a prompt");
        }
    }
}
