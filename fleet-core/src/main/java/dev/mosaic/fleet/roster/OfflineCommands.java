package dev.mosaic.fleet.roster;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Mos does, after a restart, with a chat command that was sent while it was down (the
 * orchestrator's {@code offlineCommands:} setting). It never stays silent: it either tells the
 * sender it did not run the command, or runs it and says it ran late.
 *
 * <pre>{@code
 * orchestrator:
 *   offlineCommands: tell                          # the default
 *   offlineCommands: { run-if-younger-than: 10m }  # run commands at most 10 minutes old
 * }</pre>
 *
 * @param runIfYoungerThan how old a command may be and still run; {@code null} for {@code tell}
 */
public record OfflineCommands(Duration runIfYoungerThan) {

    /** The default: run nothing sent while Mos was down, and say so. */
    public static final OfflineCommands TELL = new OfflineCommands(null);

    /** The key of the mapping form. */
    public static final String RUN_IF_YOUNGER_THAN = "run-if-younger-than";

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*(s|m|h|d)");

    public OfflineCommands {
        if (runIfYoungerThan != null && (runIfYoungerThan.isNegative() || runIfYoungerThan.isZero())) {
            throw new RosterException("offlineCommands: " + RUN_IF_YOUNGER_THAN + " must be positive, was "
                    + runIfYoungerThan);
        }
    }

    /** Runs commands sent while Mos was down if they are younger than {@code age}. */
    public static OfflineCommands runIfYoungerThan(Duration age) {
        return new OfflineCommands(Objects.requireNonNull(age, "age"));
    }

    /** Whether a command of this {@code age}, sent while Mos was down, runs now. */
    public boolean runs(Duration age) {
        return runIfYoungerThan != null && age.compareTo(runIfYoungerThan) < 0;
    }

    /**
     * Parses a duration as written in the roster: a whole number and a unit, {@code 90s},
     * {@code 10m}, {@code 2h}, {@code 1d}.
     *
     * @throws RosterException naming the value when it is not one
     */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new RosterException("offlineCommands: " + RUN_IF_YOUNGER_THAN + " '" + text + "' is not a duration;"
                    + " write a number and a unit, e.g. 90s, 10m, 2h or 1d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    @Override
    public String toString() {
        if (runIfYoungerThan == null) {
            return "tell";
        }
        long s = runIfYoungerThan.toSeconds();
        String age = s % 86_400 == 0 ? s / 86_400 + "d" : s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m"
                : s + "s";
        return RUN_IF_YOUNGER_THAN + ": " + age;
    }
}
