package dev.mosaic.connector;

import org.jspecify.annotations.Nullable;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a long text into parts no longer than a platform limit without breaking Markdown code
 * fences: a part that ends inside a fence closes it, and the next part reopens it with the same
 * info string, so every part renders on its own.
 *
 * <p>Cuts prefer a line break, then a space, and only then the middle of a word. A surrogate
 * pair is never cut in half.
 */
public final class TextSplitter {

    private static final String FENCE = "```";

    private final int limit;

    /** @param limit the longest part allowed, in {@code char}s; at least 64 */
    public TextSplitter(int limit) {
        if (limit < 64) {
            throw new IllegalArgumentException("split limit must be at least 64, was " + limit);
        }
        this.limit = limit;
    }

    /** Splits {@code text}; a text within the limit comes back as one part. Never returns empty parts. */
    public List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        if (text.length() <= limit) {
            parts.add(text);
            return parts;
        }
        String reopen = null; // fence opener carried into the next part, e.g. "```java"
        int pos = 0;
        while (pos < text.length()) {
            String prefix = reopen == null ? "" : reopen + "\n";
            // Reserve room for a closing fence in case this part ends inside a fence.
            int budget = limit - prefix.length() - (FENCE.length() + 1);
            int end = Math.min(text.length(), pos + budget);
            if (end < text.length()) {
                end = cutPoint(text, pos, end);
            }
            String body = text.substring(pos, end);
            String openAtEnd = fenceStateAfter(reopen, body);
            StringBuilder part = new StringBuilder(prefix).append(body);
            if (openAtEnd != null && end < text.length()) {
                if (part.charAt(part.length() - 1) != '\n') {
                    part.append('\n');
                }
                part.append(FENCE);
            }
            String p = stripTrailingNewlines(part.toString());
            if (!p.isBlank()) {
                parts.add(p);
            }
            reopen = openAtEnd;
            pos = end;
            // Skip the line break we cut at, so the next part does not start with a blank line.
            if (pos < text.length() && text.charAt(pos) == '\n') {
                pos++;
            }
        }
        return parts;
    }

    private static int cutPoint(String text, int start, int end) {
        int nl = text.lastIndexOf('\n', end - 1);
        if (nl > start + (end - start) / 3) {
            return nl;
        }
        int sp = text.lastIndexOf(' ', end - 1);
        if (sp > start + (end - start) / 3) {
            return sp + 1;
        }
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            return end - 1;
        }
        return end;
    }

    /** Returns the fence opener still open after {@code body}, given the one open before it. */
    private static @Nullable String fenceStateAfter(@Nullable String openBefore, String body) {
        String open = openBefore;
        for (String line : body.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith(FENCE)) {
                open = open == null ? t : null;
            }
        }
        return open;
    }

    private static String stripTrailingNewlines(String s) {
        int e = s.length();
        while (e > 0 && s.charAt(e - 1) == '\n') {
            e--;
        }
        return s.substring(0, e);
    }
}
