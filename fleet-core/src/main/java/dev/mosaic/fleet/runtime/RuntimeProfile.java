package dev.mosaic.fleet.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to run one kind of agent harness (claude, codex, pi, shell, ...). Data, not code: shipped
 * profiles live in the presets module ({@code runtimes/*.yaml}) and the roster's
 * {@code runtimes:} block overrides or adds to them.
 *
 * @param name the profile name agents refer to
 * @param command the launch command as an argv list (never a shell string)
 * @param env extra environment for the agent process
 * @param enterDelay how long to wait after pasting text before pressing Enter (TUIs swallow an
 *     Enter that arrives with the text)
 * @param updateCommand the argv that updates this harness, or empty when it cannot be updated
 * @param readyPattern a regular expression the pane shows once the harness accepts input, or
 *     {@code null} when any output will do
 * @param description one line for the wizard and {@code fleet config}
 * @param harness which AI harness this is ({@code claude}, {@code codex}, {@code pi}) so Mos writes its
 *     per-agent settings, hooks and extension; {@code null} for a plain program
 * @param nativeHeartbeat true when the harness beats itself (hooks, status line, extension) and
 *     the launcher's sidecar stays off: then {@code healthy} means the harness reported
 * @param screen what the screen shows in each live state (the fallback to the harness's own reports)
 * @param install where Mos installs the harness and how it reads, installs and resumes it ({@code fleet update})
 */
public record RuntimeProfile(String name, List<String> command, Map<String, String> env, Duration enterDelay,
                             List<String> updateCommand, String readyPattern, String description, String harness,
                             boolean nativeHeartbeat, ScreenPatterns screen, InstallSpec install) {

    /** The harnesses Mos knows how to set up. */
    public static final java.util.Set<String> HARNESSES = java.util.Set.of("claude", "codex", "pi");

    public RuntimeProfile(String name, List<String> command, Map<String, String> env, Duration enterDelay,
                          List<String> updateCommand, String readyPattern, String description) {
        this(name, command, env, enterDelay, updateCommand, readyPattern, description, null, false, null);
    }

    public RuntimeProfile(String name, List<String> command, Map<String, String> env, Duration enterDelay,
                          List<String> updateCommand, String readyPattern, String description, String harness,
                          boolean nativeHeartbeat, ScreenPatterns screen) {
        this(name, command, env, enterDelay, updateCommand, readyPattern, description, harness, nativeHeartbeat, screen,
                null);
    }

    public RuntimeProfile {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("runtime '" + name + "' has an empty command");
        }
        env = env == null ? Map.of() : Map.copyOf(env);
        enterDelay = enterDelay == null ? Duration.ZERO : enterDelay;
        if (enterDelay.isNegative()) {
            throw new IllegalArgumentException("runtime '" + name + "' has a negative enterDelayMs");
        }
        updateCommand = updateCommand == null ? List.of() : List.copyOf(updateCommand);
        description = description == null ? name : description;
        screen = screen == null ? ScreenPatterns.NONE : screen;
        install = install == null ? InstallSpec.NONE : install;
        if (harness != null && !HARNESSES.contains(harness)) {
            throw new IllegalArgumentException("runtime '" + name + "': harness '" + harness + "' is unknown: use one of "
                    + HARNESSES.stream().sorted().toList());
        }
    }

    /** The ready pattern compiled (multi-line), or {@code null}. */
    public java.util.regex.Pattern ready() {
        return readyPattern == null || readyPattern.isEmpty() ? null
                : java.util.regex.Pattern.compile(readyPattern, java.util.regex.Pattern.MULTILINE);
    }

    /** True when {@code mosaic fleet update} can update this harness (an update or install command). */
    public boolean updatable() {
        return !updateCommand.isEmpty() || !install.installCommand().isEmpty();
    }

    /** The executable the profile starts (first argv element), for {@code fleet verify}. */
    public String executable() {
        return command.get(0);
    }
}
