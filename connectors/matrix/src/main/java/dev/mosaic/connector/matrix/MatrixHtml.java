package dev.mosaic.connector.matrix;

/**
 * Renders the light Markdown of Mos replies as the HTML subset Matrix clients display
 * ({@code org.matrix.custom.html}): code fences become {@code <pre><code>}, inline code
 * {@code <code>}, {@code **bold**} {@code <strong>}, line breaks {@code <br>}. Everything else is
 * escaped, so text from agents can never inject markup.
 */
final class MatrixHtml {

    private MatrixHtml() {
    }

    static String render(String markdown) {
        StringBuilder out = new StringBuilder();
        String[] lines = markdown.replace("\r", "").split("\n", -1);
        boolean inFence = false;
        boolean needBreak = false;
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("```")) {
                if (!inFence) {
                    String lang = t.substring(3).strip();
                    out.append(lang.matches("[A-Za-z0-9_+-]+")
                            ? "<pre><code class=\"language-" + lang + "\">" : "<pre><code>");
                } else {
                    out.append("</code></pre>");
                }
                inFence = !inFence;
                needBreak = false;
                continue;
            }
            if (inFence) {
                out.append(escape(line)).append('\n');
                continue;
            }
            if (needBreak) {
                out.append("<br>");
            }
            out.append(inline(line));
            needBreak = true;
        }
        if (inFence) {
            out.append("</code></pre>");
        }
        return out.toString();
    }

    /** Inline code spans first (their content is literal), then bold in the rest. */
    private static String inline(String line) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            int tick = line.indexOf('`', i);
            int close = tick < 0 ? -1 : line.indexOf('`', tick + 1);
            if (tick < 0 || close < 0) {
                out.append(bold(escape(line.substring(i))));
                break;
            }
            out.append(bold(escape(line.substring(i, tick))));
            out.append("<code>").append(escape(line.substring(tick + 1, close))).append("</code>");
            i = close + 1;
        }
        return out.toString();
    }

    private static String bold(String escaped) {
        return escaped.replaceAll("\\*\\*([^*]+)\\*\\*", "<strong>$1</strong>");
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
