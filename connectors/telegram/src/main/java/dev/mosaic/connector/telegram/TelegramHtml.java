package dev.mosaic.connector.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders the service's light Markdown (code fences, inline code, bold) as Telegram's HTML parse
 * mode. Everything else — agent output above all — is escaped, so a {@code <}, {@code >} or
 * {@code &} in a pane never breaks the message or becomes markup.
 *
 * <p>Rendering only removes characters from what a reader sees (fence lines, backticks, the
 * {@code **} of bold), so a part within the length limit before rendering stays within it after
 * Telegram parses the entities.
 */
final class TelegramHtml {

    private static final String FENCE = "```";
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_+#-]{1,32}");

    private TelegramHtml() {
    }

    /** Escapes text for Telegram HTML: the three characters its parser treats specially. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Renders one message part (fences balanced, as {@link dev.mosaic.connector.TextSplitter} leaves them). */
    static String render(String markdown) {
        List<String> out = new ArrayList<>();
        List<String> block = null;
        String language = null;
        for (String line : markdown.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith(FENCE)) {
                if (block == null) {
                    block = new ArrayList<>();
                    String lang = t.substring(FENCE.length()).strip();
                    language = LANGUAGE.matcher(lang).matches() ? lang : null;
                } else {
                    out.add(pre(block, language));
                    block = null;
                }
                continue;
            }
            if (block != null) {
                block.add(line);
            } else {
                out.add(inline(line));
            }
        }
        if (block != null) {
            out.add(pre(block, language)); // an unclosed fence still renders as a block
        }
        return String.join("\n", out);
    }

    private static String pre(List<String> lines, String language) {
        String body = escape(String.join("\n", lines));
        return language == null ? "<pre>" + body + "</pre>"
                : "<pre><code class=\"language-" + language + "\">" + body + "</code></pre>";
    }

    /** Inline code spans and bold in one line; anything unpaired stays literal. */
    static String inline(String line) {
        StringBuilder b = new StringBuilder(line.length() + 16);
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '`') {
                int end = line.indexOf('`', i + 1);
                if (end > i + 1) {
                    b.append("<code>").append(escape(line.substring(i + 1, end))).append("</code>");
                    i = end + 1;
                    continue;
                }
            } else if (c == '*' && line.startsWith("**", i)) {
                int end = line.indexOf("**", i + 2);
                if (end > i + 2 && line.substring(i + 2, end).indexOf('`') < 0) {
                    b.append("<b>").append(escape(line.substring(i + 2, end))).append("</b>");
                    i = end + 2;
                    continue;
                }
            }
            b.append(escape(String.valueOf(c)));
            i++;
        }
        return b.toString();
    }
}
