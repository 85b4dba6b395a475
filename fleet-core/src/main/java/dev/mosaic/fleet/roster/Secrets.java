package dev.mosaic.fleet.roster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secret references in the roster: {@code ${env:NAME}} (an environment variable) or
 * {@code ${file:PATH}} (the contents of a file, trailing newline stripped, {@code ~/} expanded).
 * Secrets themselves never sit in the roster; they are resolved when used and never written back.
 * Messages name the reference, never the secret.
 */
public final class Secrets {

    /** The value that stands for a secret in every output (config, logs, chat). */
    public static final String MASK = "***";

    private static final Pattern REF = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    private Secrets() {
    }

    /** True when {@code value} is exactly one {@code ${env:...}} or {@code ${file:...}} reference. */
    public static boolean isReference(String value) {
        return value != null && REF.matcher(value).matches();
    }

    /** True when {@code value} looks like it means to be a reference ({@code ${...}}) — valid or not. */
    static boolean looksLikeReference(String value) {
        return value != null && value.contains("${");
    }

    /** Checks the syntax of a value that contains {@code ${}; throws naming the value otherwise. */
    static void checkSyntax(String value) {
        if (looksLikeReference(value) && !isReference(value)) {
            throw new RosterException("secret reference '" + value + "' is malformed: use ${env:NAME} or ${file:PATH}"
                    + " as the whole value");
        }
    }

    /**
     * Returns the secret a reference stands for, or {@code valueOrRef} unchanged when it is not a
     * reference. {@code env} holds the environment variables ({@code HOME} expands {@code ~/}).
     *
     * @throws RosterException naming the reference when it cannot be resolved
     */
    public static String resolve(String valueOrRef, Map<String, String> env) {
        if (valueOrRef == null || !looksLikeReference(valueOrRef)) {
            return valueOrRef;
        }
        Matcher m = REF.matcher(valueOrRef);
        if (!m.matches()) {
            checkSyntax(valueOrRef);
        }
        String kind = m.group(1);
        String arg = m.group(2).strip();
        if (kind.equals("env")) {
            String v = env.get(arg);
            if (v == null || v.isEmpty()) {
                throw new RosterException("secret reference '" + valueOrRef + "' cannot be resolved: environment variable "
                        + arg + " is not set");
            }
            return v;
        }
        Path path = expandHome(arg, env);
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            String v = text.strip();
            if (v.isEmpty()) {
                throw new RosterException("secret reference '" + valueOrRef + "' cannot be resolved: file " + path
                        + " is empty");
            }
            return v;
        } catch (IOException e) {
            throw new RosterException("secret reference '" + valueOrRef + "' cannot be resolved: file " + path
                    + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** {@link #MASK} for a reference, else the value itself. */
    public static String mask(String valueOrRef) {
        return looksLikeReference(valueOrRef) ? MASK : valueOrRef;
    }

    static Path expandHome(String path, Map<String, String> env) {
        String home = env.get("HOME");
        if (home != null && (path.equals("~") || path.startsWith("~/"))) {
            return Path.of(home + path.substring(1));
        }
        return Path.of(path);
    }
}
