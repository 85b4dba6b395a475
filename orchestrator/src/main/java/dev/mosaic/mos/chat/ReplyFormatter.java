package dev.mosaic.mos.chat;

import dev.mosaic.connector.ConnectorCapabilities;

import java.util.Objects;

/**
 * Shapes replies for one platform: tables and terminal output go in a code fence where fences
 * render, and stay plain aligned text where they do not. Splitting long replies is the
 * connector's job.
 */
final class ReplyFormatter {

    private final ConnectorCapabilities capabilities;

    public ReplyFormatter(ConnectorCapabilities capabilities) {
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
    }

    /** Terminal output or a table, monospaced where the platform can. */
    public String block(String text) {
        String body = stripTrailingNewlines(text);
        if (!capabilities.codeBlocks()) {
            return body;
        }
        // A fence inside the output would end ours early; break it up.
        return "```\n" + body.replace("```", "`\u200B``") + "\n```";
    }

    /** A sentence, with inline code marks removed where Markdown does not render. */
    public String plain(String text) {
        return capabilities.markdown() ? text : text.replace("`", "");
    }

    /** A short lead sentence followed by a block, e.g. "Failed:" and the error output. */
    public String withBlock(String lead, String text) {
        String body = stripTrailingNewlines(text);
        return body.isBlank() ? plain(lead) : plain(lead) + "\n" + block(body);
    }

    private static String stripTrailingNewlines(String s) {
        int e = s.length();
        while (e > 0 && (s.charAt(e - 1) == '\n' || s.charAt(e - 1) == '\r')) {
            e--;
        }
        return s.substring(0, e);
    }
}
