package dev.mosaic.connector.telegram;

import java.nio.charset.StandardCharsets;

/**
 * Turns a reply too long for a few messages (a pane tail, a log) into a text document plus a
 * short caption. A reply that is one fenced block is attached without the fence, so the file is
 * the plain output.
 */
final class LongOutput {

    private LongOutput() {
    }

    static byte[] fileContent(String text) {
        String t = text.strip();
        int firstNl = t.indexOf('\n');
        if (t.startsWith("```") && t.endsWith("```") && firstNl > 0 && firstNl < t.length() - 3
                && t.indexOf("```", 3) == t.length() - 3) {
            t = t.substring(firstNl + 1, t.length() - 3);
        }
        return t.getBytes(StandardCharsets.UTF_8);
    }

    static String caption(String text) {
        long lines = new String(fileContent(text), StandardCharsets.UTF_8).lines().count();
        return "Output is " + lines + " lines (" + text.length() + " characters); attached as a file.";
    }
}
