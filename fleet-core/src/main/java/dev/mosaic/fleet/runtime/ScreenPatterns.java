package dev.mosaic.fleet.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a harness's screen looks like in each live state: the fallback when the harness has not
 * reported its state itself (before its first hook, after an Esc that fires no hook, a harness
 * without hooks). Patterns are regular expressions over the visible pane; each is optional.
 *
 * @param working the harness is busy (e.g. Claude Code's footer {@code esc to interrupt})
 * @param approval a permission prompt waits for a person
 * @param input a dialog or question waits for a person (first-run dialogs included)
 * @param error the harness failed (it could not reach its model, ...)
 */
public record ScreenPatterns(Pattern working, Pattern approval, Pattern input, Pattern error) {

    /** The keys of the profile's {@code screen:} mapping. */
    public static final java.util.Set<String> KEYS = java.util.Set.of("working", "approval", "input", "error");

    public static final ScreenPatterns NONE = new ScreenPatterns(null, null, null, null);

    /**
     * Patterns from a profile's {@code screen:} mapping.
     *
     * @throws IllegalArgumentException naming the bad key or pattern
     */
    public static ScreenPatterns of(Map<String, String> patterns) {
        for (String k : patterns.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("screen has an unknown key '" + k + "': use one of "
                        + KEYS.stream().sorted().toList());
            }
        }
        return new ScreenPatterns(compile("working", patterns.get("working")), compile("approval", patterns.get("approval")),
                compile("input", patterns.get("input")), compile("error", patterns.get("error")));
    }

    static Pattern compile(String key, String regex) {
        if (regex == null || regex.isBlank()) {
            return null;
        }
        try {
            return Pattern.compile(regex, Pattern.MULTILINE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("screen." + key + " '" + regex + "' is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    /** The patterns as the profile's mapping (for {@code fleet config}). */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "working", working);
        put(m, "approval", approval);
        put(m, "input", input);
        put(m, "error", error);
        return m;
    }

    private static void put(Map<String, String> m, String k, Pattern p) {
        if (p != null) {
            m.put(k, p.pattern());
        }
    }

    /**
     * The live state the screen shows: {@code waiting_approval}, {@code waiting_input}, {@code error},
     * {@code working}, or {@code idle} when {@code ready} matches; empty when nothing matches.
     */
    public Optional<String> classify(String screen, Pattern ready) {
        if (find(approval, screen)) {
            return Optional.of("waiting_approval");
        }
        if (find(input, screen)) {
            return Optional.of("waiting_input");
        }
        if (find(error, screen)) {
            return Optional.of("error");
        }
        if (find(working, screen)) {
            return Optional.of("working");
        }
        if (ready != null && ready.matcher(screen).find()) {
            return Optional.of("idle");
        }
        return Optional.empty();
    }

    /** The lines around the first match of the pattern for {@code state} (a dialog's text), for a summary. */
    public String excerpt(String screen, String state, int before, int after) {
        Pattern p = switch (state) {
            case "waiting_approval" -> approval;
            case "waiting_input" -> input;
            case "error" -> error;
            default -> working;
        };
        if (p == null) {
            return "";
        }
        Matcher m = p.matcher(screen);
        if (!m.find()) {
            return "";
        }
        String[] lines = screen.split("\n", -1);
        int at = screen.substring(0, m.start()).split("\n", -1).length - 1;
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, at - before); i <= Math.min(lines.length - 1, at + after); i++) {
            String l = lines[i].strip();
            if (!l.isEmpty() && !l.chars().allMatch(c -> c == '─' || c == '╌' || c == '-')) {
                sb.append(sb.length() == 0 ? "" : "\n").append(l);
            }
        }
        return sb.toString();
    }

    private static boolean find(Pattern p, String screen) {
        return p != null && p.matcher(screen).find();
    }
}
