package dev.mosaic.fleet.engine;

import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.ps.SendResult;
import dev.mosaic.fleet.tmux.Tmux;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Delivers text into an agent's pane literally, never as key names. One line goes through
 * {@code send-keys -l}; several lines through a uniquely named buffer ({@code load-buffer} fed on
 * stdin, then {@code paste-buffer -p -r -d}: bracketed paste, buffer deleted). Enter is a separate
 * key after the runtime's delay, because TUIs swallow an Enter that arrives with the text. The
 * result says "delivered" only when a capture of the pane shows the text.
 */
public final class TextSender {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(3);
    private static final int VERIFY_HISTORY = 500;
    /** How long after Enter text on the input line counts as not submitted. */
    private static final Duration SUBMIT_PATIENCE = Duration.ofSeconds(1);
    /** How long {@link #submitIfStuck} watches in all. */
    private static final Duration SUBMIT_WATCH = Duration.ofMillis(3500);

    private TextSender() {
    }

    /** The text with CR and other control characters (except newline and tab) removed, trailing newlines cut. */
    public static String clean(String text) {
        StringBuilder sb = new StringBuilder(dropControls(text));
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == '\n') {
            end--;
        }
        return sb.substring(0, end);
    }

    /** {@code text} without control characters other than newline and tab; newlines are kept, also at the end. */
    public static String dropControls(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == '\n' || c == '\t' || !(Character.isISOControl(c)))
                .forEach(sb::appendCodePoint);
        return sb.toString();
    }

    public static SendResult send(Tmux tmux, String agent, String text, Duration enterDelay, boolean verify) {
        String clean = clean(text);
        int removed = text.length() - clean.length() - trailingNewlines(text);
        if (clean.isBlank()) {
            throw new FleetException(MosaicException.Kind.INVALID, "nothing to send to '" + agent + "': the text is empty");
        }
        String target = Tmux.target(agent);
        String needle = needle(clean);
        boolean multiLine = clean.indexOf('\n') >= 0;
        // The pane as it was before the text, for the delivery check, is captured in the same tmux
        // call as the first step (after the dead-pane check): one round trip fewer per send.
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of("display-message", "-p", "-t", target, "#{pane_dead}"));
        if (verify) {
            commands.add(captureCommand(agent));
        }
        int before = 0;
        String stdin = null;
        if (multiLine) {
            // tmux 3.3 dies when a buffer is pasted into a dead pane: check in a call of its own first
            CommandResult alive = tmux.execAll(commands, null);
            if (!alive.ok()) {
                throw notRunning(tmux, agent, alive);
            }
            if (alive.stdout().startsWith("1")) {
                throw crashed(agent);
            }
            before = verify ? count(afterFirstLine(alive.stdout()), needle) : 0;
            commands.clear();
            String buffer = "mosaic-" + agent + "-" + HexFormat.of().formatHex(randomBytes());
            commands.add(List.of("load-buffer", "-b", buffer, "-"));
            commands.add(List.of("paste-buffer", "-p", "-r", "-d", "-b", buffer, "-t", target));
            stdin = clean;
        } else {
            commands.add(List.of("send-keys", "-t", target, "-l", "--", clean));
        }
        boolean enterNow = enterDelay.isZero();
        if (enterNow) {
            commands.add(List.of("send-keys", "-t", target, "Enter"));
        }
        CommandResult r = tmux.execAll(commands, stdin);
        if (!multiLine && r.stdout().startsWith("1")) {
            throw crashed(agent);
        }
        if (!r.ok()) {
            throw notRunning(tmux, agent, r);
        }
        if (!multiLine && verify) {
            before = count(afterFirstLine(r.stdout()), needle);
        }
        if (!enterNow) {
            pause(enterDelay);
            CommandResult e = tmux.exec(List.of("send-keys", "-t", target, "Enter"), null);
            if (!e.ok()) {
                throw notRunning(tmux, agent, e);
            }
        }
        boolean delivered = !verify || awaitText(tmux, agent, needle, before);
        return new SendResult(agent, delivered, multiLine ? "paste" : "keys", removed);
    }

    /**
     * For a terminal UI whose input line the runtime's ready pattern marks ({@code ❯ } in Claude
     * Code, {@code › } in Codex): when the text still sits on the last such line a second after
     * Enter — the UI was busy and dropped the key — presses Enter again, at most twice. Returns how
     * many times it did. An empty Enter is ignored by these UIs, so a redraw that is merely slow
     * costs nothing; a multi-line paste (shown as a placeholder) or a line that scrolled away is
     * never mistaken for the text.
     */
    public static int submitIfStuck(Tmux tmux, String agent, String text, Pattern inputLine) {
        String head = normalise(clean(text).lines().findFirst().orElse(""));
        if (head.isEmpty()) {
            return 0;
        }
        long deadline = System.nanoTime() + SUBMIT_WATCH.toNanos();
        long lastEnter = System.nanoTime();
        int presses = 0;
        while (System.nanoTime() < deadline) {
            String rest = afterLastInputLine(visible(tmux, agent), inputLine);
            boolean stuck = rest != null && !rest.isEmpty()
                    && (head.startsWith(rest) || rest.startsWith(head.substring(0, Math.min(head.length(), 40))));
            if (!stuck) {
                return presses;
            }
            if (System.nanoTime() - lastEnter >= SUBMIT_PATIENCE.toNanos()) {
                if (presses == 2) {
                    return presses;
                }
                CommandResult e = tmux.exec(List.of("send-keys", "-t", Tmux.target(agent), "Enter"), null);
                if (!e.ok()) {
                    throw notRunning(tmux, agent, e);
                }
                presses++;
                lastEnter = System.nanoTime();
            }
            pause(Duration.ofMillis(100));
        }
        return presses;
    }

    /** What follows the input marker on the last line that has it, normalised; null when none does. */
    static String afterLastInputLine(String screen, Pattern inputLine) {
        String rest = null;
        for (String line : screen.split("\n")) {
            Matcher m = inputLine.matcher(line);
            if (m.find()) {
                rest = normalise(line.substring(m.end()));
            }
        }
        return rest;
    }

    private static String visible(Tmux tmux, String agent) {
        CommandResult r = tmux.exec(List.of("capture-pane", "-p", "-t", Tmux.target(agent)), null);
        if (!r.ok()) {
            throw notRunning(tmux, agent, r);
        }
        return r.stdout();
    }

    static FleetException crashed(String agent) {
        return new FleetException("agent '" + agent + "' has crashed (its process exited); restart it with"
                + " 'mosaic fleet agent restart " + agent + "'");
    }

    /** Maps a failed call on an agent's pane to a clear message. */
    public static FleetException notRunning(Tmux tmux, String agent, CommandResult r) {
        var e = tmux.failure(r);
        if (e.serverDown() || r.stderr().contains("can't find")) {
            return new FleetException("agent '" + agent + "' is not running (start it with 'mosaic fleet agent start "
                    + agent + "')");
        }
        return new FleetException("agent '" + agent + "': " + e.getMessage(), e);
    }

    private static List<String> captureCommand(String agent) {
        return List.of("capture-pane", "-p", "-J", "-S", "-" + VERIFY_HISTORY, "-t", Tmux.target(agent));
    }

    private static String afterFirstLine(String out) {
        int nl = out.indexOf('\n');
        return nl < 0 ? "" : out.substring(nl + 1);
    }

    static String capture(Tmux tmux, String agent) {
        CommandResult r = tmux.exec(captureCommand(agent), null);
        if (!r.ok()) {
            throw notRunning(tmux, agent, r);
        }
        return r.stdout();
    }

    /** What to look for in the pane: the last non-blank line, whitespace collapsed, at most 80 chars. */
    static String needle(String clean) {
        String[] lines = clean.split("\n");
        String last = "";
        for (String l : lines) {
            if (!l.isBlank()) {
                last = l;
            }
        }
        String n = normalise(last);
        return n.length() > 80 ? n.substring(n.length() - 80) : n;
    }

    static String normalise(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    static int count(String pane, String needle) {
        String hay = normalise(pane);
        int n = 0;
        for (int i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static boolean awaitText(Tmux tmux, String agent, String needle, int before) {
        long deadline = System.nanoTime() + VERIFY_TIMEOUT.toNanos();
        // The text shows once tmux has read the pty's echo: usually within a millisecond or two, so
        // look again soon, then back off to 25 ms (a flat 25 ms wait made every late echo cost it).
        long wait = 2;
        do {
            if (count(capture(tmux, agent), needle) > before) {
                return true;
            }
            pause(Duration.ofMillis(wait));
            wait = Math.min(25, wait * 2);
        } while (System.nanoTime() < deadline);
        return false;
    }

    private static int trailingNewlines(String text) {
        String noCr = text.replace("\r", "");
        int n = 0;
        for (int i = noCr.length() - 1; i >= 0 && noCr.charAt(i) == '\n'; i--) {
            n++;
        }
        return n;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("interrupted while sending");
        }
    }
}
