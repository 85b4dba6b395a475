package dev.mosaic.fleet.tmux;

import java.util.List;
import java.util.stream.Collectors;

/**
 * POSIX shell quoting for the one place a shell cannot be avoided: ssh hands the remote side a
 * single command string. Every argument is wrapped in single quotes, embedded single quotes
 * become {@code '\''}, so the remote shell sees exactly the argv we built.
 */
public final class ShellQuote {

    private ShellQuote() {
    }

    public static String quote(String arg) {
        if (!arg.isEmpty() && arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./=:@%+,".indexOf(c) >= 0)) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    public static String join(List<String> argv) {
        return argv.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }
}
