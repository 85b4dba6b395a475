package dev.mosaic.connector;

import java.nio.charset.StandardCharsets;

/**
 * For connectors: turns a reply too long for a few messages (a pane tail, a log) into a text file
 * plus a short caption. A reply that is one fenced block is attached without the fence, so the
 * file is the plain output.
 */
public final class LongOutput {

    private LongOutput() {
    }

    /** The file to attach: {@code text}, without the fence when it is one fenced block. */
    public static byte[] fileContent(String text) {
        String t = text.strip();
        int firstNl = t.indexOf('\n');
        if (t.startsWith("```") && t.endsWith("```") && firstNl > 0 && firstNl < t.length() - 3
                && t.indexOf("```", 3) == t.length() - 3) {
            t = t.substring(firstNl + 1, t.length() - 3);
        }
        return t.getBytes(StandardCharsets.UTF_8);
    }

    /** The message beside the file, e.g. "Output is 412 lines (30120 characters); attached as a file." */
    public static String caption(String text) {
        long lines = new String(fileContent(text), StandardCharsets.UTF_8).lines().count();
        return "Output is " + lines + " lines (" + text.length() + " characters); attached as a file.";
    }
}
