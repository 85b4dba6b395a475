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
 */
public record RuntimeProfile(String name, List<String> command, Map<String, String> env, Duration enterDelay,
                             List<String> updateCommand, String readyPattern, String description) {

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
    }

    /** The executable the profile starts (first argv element), for {@code fleet verify}. */
    public String executable() {
        return command.get(0);
    }
}
