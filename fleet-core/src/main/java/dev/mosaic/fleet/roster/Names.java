package dev.mosaic.fleet.roster;

import java.util.regex.Pattern;

/**
 * The agent / host / principal name rule: {@code [a-z0-9][a-z0-9_-]{0,39}}. tmux rewrites
 * {@code .} and {@code :} in session names and {@code -t} matches prefixes, so names are kept to
 * a set that survives tmux unchanged and is always targeted exactly ({@code =name}).
 */
public final class Names {

    public static final Pattern RULE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    private Names() {
    }

    public static boolean isValid(String name) {
        return name != null && RULE.matcher(name).matches();
    }

    /** Returns {@code name} or throws a {@link RosterException} naming the bad value and the rule. */
    public static String require(String what, String name) {
        if (!isValid(name)) {
            throw new RosterException(what + " name '" + name + "' is invalid: use 1-40 lower-case letters, digits,"
                    + " '-' or '_', starting with a letter or digit");
        }
        return name;
    }
}
