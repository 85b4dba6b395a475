package dev.mosaic.mos.chat;

import dev.mosaic.fleet.roster.Role;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The verbs of the chat command language, each with the least role that may run it and how many
 * arguments it takes. The same verbs run on every connector.
 */
public enum ChatVerb {
    HELP(Role.VIEWER, 0, 1, "help [verb]", "list the commands you may run, or explain one"),
    PS(Role.VIEWER, 0, 0, "ps", "show every agent: state, runtime, host, heartbeat"),
    STATUS(Role.VIEWER, 1, 1, "status <agent>", "show one agent in detail"),
    WHOAMI(Role.VIEWER, 0, 0, "whoami", "show your platform id and role"),
    CONFIRM(Role.VIEWER, 1, 1, "confirm <code>", "carry out the command that asked for confirmation"),
    CANCEL(Role.VIEWER, 0, 0, "cancel", "drop the command waiting for confirmation"),
    START(Role.OPERATOR, 1, 1, "start <agent|all>", "start an agent, or the whole fleet"),
    STOP(Role.OPERATOR, 1, 1, "stop <agent|all>", "stop an agent, or the whole fleet (asks to confirm)"),
    RESTART(Role.OPERATOR, 1, 1, "restart <agent|all>", "restart an agent, or the whole fleet (asks to confirm)"),
    SEND(Role.OPERATOR, 2, Integer.MAX_VALUE, "send <agent> <text>", "type text into an agent's terminal"),
    TAIL(Role.OPERATOR, 1, 2, "tail <agent> [n]", "show the last n lines of an agent's terminal"),
    APPROVE(Role.OPERATOR, 1, 2, "approve <agent>", "approve the tool call an agent waits on (as relayed here)"),
    DENY(Role.OPERATOR, 1, 2, "deny <agent>", "deny the tool call an agent waits on"),
    ADD(Role.ADMIN, 1, 5, "add <name> [runtime=R] [role=X] [host=H] [workdir=D]", "add an agent to the roster"),
    REMOVE(Role.ADMIN, 1, 1, "remove <agent>", "remove an agent from the roster (asks to confirm)"),
    COMMS(Role.ADMIN, 0, 1, "comms [tmux|matrix]", "show or switch how agents receive messages (switching asks to confirm)");

    private final Role minRole;
    private final int minArgs;
    private final int maxArgs;
    private final String usage;
    private final String summary;

    ChatVerb(Role minRole, int minArgs, int maxArgs, String usage, String summary) {
        this.minRole = minRole;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.usage = usage;
        this.summary = summary;
    }

    /** The word typed in chat, e.g. {@code "stop"}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The least role allowed to run it. */
    public Role minRole() {
        return minRole;
    }

    public String usage() {
        return usage;
    }

    public String summary() {
        return summary;
    }

    /** Throws a {@link ChatException} with the usage line when the argument count is wrong. */
    public void checkArity(int args) {
        if (args < minArgs || args > maxArgs) {
            throw new ChatException("usage: " + usage);
        }
    }

    /** The verb typed as {@code word} (any case), if it is one. */
    public static Optional<ChatVerb> of(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.word().equals(w)).findFirst();
    }
}
