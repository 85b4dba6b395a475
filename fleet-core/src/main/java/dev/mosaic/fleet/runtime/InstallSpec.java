package dev.mosaic.fleet.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How Mos installs, updates and resumes one harness (the {@code mosaic fleet update} flow, see
 * docs/updates.md). Commands are argv templates: each element has its placeholders
 * ({@code {version}}, {@code {prefix}}, {@code {bin}}, {@code {runtime}}) replaced on its own and is
 * never handed to a shell.
 *
 * @param prefix where Mos installs the harness ({@code ~/...} is the user's home; {@code {runtime}}
 *     the profile name), or {@code null} when Mos does not manage its installation
 * @param bin the harness's executable relative to the prefix (e.g. {@code node_modules/.bin/pi});
 *     when it exists, agents of the profile start it instead of the one on PATH
 * @param versionCommand prints the installed version (the first {@code N.N.N} word counts)
 * @param latestCommand prints the newest version available
 * @param installCommand installs {@code {version}} into the prefix (also how a rollback reinstalls)
 * @param resume arguments added to the command when an agent is restarted by an update, so its
 *     conversation continues ({@code --continue} for Claude Code and pi, {@code resume --last} for Codex)
 */
public record InstallSpec(String prefix, String bin, List<String> versionCommand, List<String> latestCommand,
                          List<String> installCommand, List<String> resume) {

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{([a-z]+)}");

    /** Nothing managed: no prefix, no commands. */
    public static final InstallSpec NONE = new InstallSpec(null, null, null, null, null, null);

    public InstallSpec {
        versionCommand = versionCommand == null ? List.of() : List.copyOf(versionCommand);
        latestCommand = latestCommand == null ? List.of() : List.copyOf(latestCommand);
        installCommand = installCommand == null ? List.of() : List.copyOf(installCommand);
        resume = resume == null ? List.of() : List.copyOf(resume);
        if (bin != null && (bin.startsWith("/") || List.of(bin.split("/")).contains(".."))) {
            throw new IllegalArgumentException("bin '" + bin + "' must be a path inside the prefix (no leading / or ..)");
        }
    }

    /** The prefix as a local path, {@code ~} expanded against {@code userHome}; null when none. */
    public Path prefixPath(Path userHome, String runtime) {
        if (prefix == null || prefix.isBlank()) {
            return null;
        }
        String p = prefix.replace("{runtime}", runtime);
        if (p.equals("~")) {
            return userHome;
        }
        return p.startsWith("~/") ? userHome.resolve(p.substring(2)) : Path.of(p);
    }

    /** The executable inside the prefix, or null when the profile names none. */
    /**
     * The binary in the prefix on a remote host whose home directory is {@code remoteHome}
     * (absolute), or {@code null} when the profile names no prefix and bin.
     */
    public String remoteBinPath(String remoteHome, String runtime) {
        if (prefix == null || prefix.isBlank() || bin == null) {
            return null;
        }
        String p = prefix.replace("{runtime}", runtime);
        String home = remoteHome.endsWith("/") ? remoteHome.substring(0, remoteHome.length() - 1) : remoteHome;
        String root = p.equals("~") ? home : p.startsWith("~/") ? home + "/" + p.substring(2) : p;
        return root + "/" + bin;
    }

    public Path binPath(Path userHome, String runtime) {
        Path p = prefixPath(userHome, runtime);
        return p == null || bin == null ? null : p.resolve(bin);
    }

    /** {@code template} with each element's placeholders replaced from {@code values} (never re-parsed). */
    public static List<String> fill(List<String> template, Map<String, String> values) {
        List<String> out = new ArrayList<>(template.size());
        for (String word : template) {
            // one pass: a value that itself contains "{version}" is not replaced again
            out.add(PLACEHOLDER.matcher(word).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                    values.getOrDefault(m.group(1), m.group()))));
        }
        return out;
    }
}
