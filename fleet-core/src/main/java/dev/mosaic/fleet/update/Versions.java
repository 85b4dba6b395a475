package dev.mosaic.fleet.update;

import dev.mosaic.fleet.MosaicException;
import dev.mosaic.fleet.exec.CommandResult;
import dev.mosaic.fleet.roster.HostSpec;
import dev.mosaic.fleet.runtime.InstallSpec;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the installed and the newest version of a harness with its profile's commands. */
final class Versions {

    /** What a version given with {@code --to} may look like. */
    static final Pattern VALID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+-]{0,63}");

    /** The first {@code N.N.N} word of a command's output ({@code 2.1.328 (Claude Code)}, {@code codex-cli 0.169.0}). */
    private static final Pattern VERSION = Pattern.compile("(?<![0-9A-Za-z.])(\\d+\\.\\d+\\.\\d+(?:[-+][0-9A-Za-z.-]+)?)");

    private static final Duration ASK = Duration.ofSeconds(60);

    private Versions() {
    }

    /** The version in {@code output}, or null. */
    static String parse(String output) {
        Matcher m = VERSION.matcher(output == null ? "" : output);
        return m.find() ? m.group(1) : null;
    }

    /** The version installed on {@code host}, or null when none (or the profile cannot tell). */
    static String installed(HostCommands cmds, RuntimeProfile profile, HostSpec host) {
        List<String> template = profile.install().versionCommand();
        if (template.isEmpty() || cmds.binMissingLocally(profile, host)) {
            return null;
        }
        try {
            CommandResult r = cmds.run(host, InstallSpec.fill(template, cmds.values(profile, host, null)), ASK);
            return r.ok() ? parse(r.stdout() + "\n" + r.stderr()) : null;
        } catch (MosaicException e) {
            return null; // not installed (no such program), or the host did not answer
        }
    }

    /**
     * The newest version the profile's {@code latestCommand} reports (asked on this machine).
     *
     * @throws UpdateException naming the runtime when it has none or it fails
     */
    static String latest(HostCommands cmds, RuntimeProfile profile) {
        List<String> template = profile.install().latestCommand();
        if (template.isEmpty()) {
            throw new UpdateException("runtime '" + profile.name() + "' has no latestCommand: give the version with --to");
        }
        CommandResult r;
        try {
            r = cmds.run(HostSpec.local(), InstallSpec.fill(template, cmds.values(profile, HostSpec.local(), null)), ASK);
        } catch (MosaicException e) {
            throw new UpdateException("runtime '" + profile.name() + "': latestCommand " + template + " failed: "
                    + e.getMessage() + "; give the version with --to");
        }
        String v = r.ok() ? parse(r.stdout()) : null;
        if (v == null) {
            throw new UpdateException("runtime '" + profile.name() + "': latestCommand " + template + " reported no version"
                    + " (exit " + r.exitCode() + ": " + firstLine(r.stderr().isBlank() ? r.stdout() : r.stderr())
                    + "); give the version with --to");
        }
        return v;
    }

    static String firstLine(String s) {
        String t = s == null ? "" : s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
