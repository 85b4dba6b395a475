package dev.mosaic.mos.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a chat line into words the way a shell user expects, without a shell: whitespace
 * separates words, {@code "double"} and {@code 'single'} quotes keep spaces and {@code ;} inside
 * one word, and a backslash inside double quotes escapes the next character.
 */
final class Tokenizer {

    private Tokenizer() {
    }

    static List<String> tokenize(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    cur.append(line.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == '"' || c == '\'' || c == '\u201C' || c == '\u201D') {
                // Chat apps often turn straight quotes into curly ones; accept both.
                quote = c == '\u201C' || c == '\u201D' ? '\u201D' : c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new ChatException("unclosed quote " + (quote == '\u201D' ? '\u201C' : quote)
                    + " in: " + line + "\nPut quotes around the whole text, e.g. send coder-1 \"fix the bug; then test\"");
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }
}
