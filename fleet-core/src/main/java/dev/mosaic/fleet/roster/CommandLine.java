package dev.mosaic.fleet.roster;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a roster command string such as {@code bash --noprofile --norc -i} or
 * {@code python3 -c "print('hi')"} into an argv list. Quotes group words; a backslash escapes
 * the next character outside single quotes. Nothing is expanded: no variables, globs or
 * substitutions — the result goes to {@code execve}, never to a shell.
 */
public final class CommandLine {

    private CommandLine() {
    }

    public static List<String> split(String line) {
        List<String> argv = new ArrayList<>();
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
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    argv.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new RosterException("command '" + line + "' has an unclosed " + quote + " quote");
        }
        if (inWord) {
            argv.add(cur.toString());
        }
        if (argv.isEmpty()) {
            throw new RosterException("command must not be empty");
        }
        return argv;
    }
}
