package dev.mosaic.mos.app;

import dev.mosaic.connector.CommandSpec;
import dev.mosaic.fleet.roster.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The verbs of Mos, each defined once: its word, its arguments, the least role that may run it,
 * whether it asks for confirmation, and its one-line help. The chat parser, {@code help},
 * did-you-mean, the slash-command menus of connectors ({@link #commandSpecs()}), the names and
 * one-line help of the CLI forms ({@code dev.mosaic.mos.cli.VerbCommands}) and the authorization
 * of every front door derive from this table.
 *
 * <p>Adding a verb: add a constant here, an {@link Operation} record (parsed from chat by
 * {@code ChatOperations}), and its case in {@link FleetOperations}; see docs/architecture.md.
 */
public enum Verb {
    HELP(Role.VIEWER, 0, 1, "help [verb]", "list the commands you may run, or explain one",
            CommandSpec.Param.optional("verb", "a command to explain")),
    PS(Role.VIEWER, 0, 0, "ps", "show every agent: state, runtime, host, heartbeat"),
    STATUS(Role.VIEWER, 1, 1, "status <agent>", "show one agent in detail",
            CommandSpec.Param.required("agent", "agent name")),
    WHOAMI(Role.VIEWER, 0, 0, "whoami", "show your platform id and role"),
    CONFIRM(Role.VIEWER, 1, 1, "confirm <code>", "carry out the command that asked for confirmation",
            CommandSpec.Param.required("code", "the code Mos gave")),
    CANCEL(Role.VIEWER, 0, 0, "cancel", "drop the command waiting for confirmation"),
    START(Role.OPERATOR, 1, 1, "start <agent|all>", "start an agent, or the whole fleet",
            CommandSpec.Param.required("agent", "agent name, or 'all'")),
    STOP(Role.OPERATOR, 1, 1, "stop <agent|all>", "stop an agent, or the whole fleet", "'all' asks to confirm",
            CommandSpec.Param.required("agent", "agent name, or 'all'")),
    RESTART(Role.OPERATOR, 1, 1, "restart <agent|all>", "restart an agent, or the whole fleet", "'all' asks to confirm",
            CommandSpec.Param.required("agent", "agent name, or 'all'")),
    SEND(Role.OPERATOR, 2, Integer.MAX_VALUE, "send <agent> <text>", "type text into an agent's terminal",
            CommandSpec.Param.required("agent", "agent name"), CommandSpec.Param.required("text", "what to type")),
    TAIL(Role.OPERATOR, 1, 2, "tail <agent> [n]", "show the last n lines of an agent's terminal",
            CommandSpec.Param.required("agent", "agent name"), CommandSpec.Param.integer("lines", "how many lines")),
    APPROVE(Role.OPERATOR, 1, 2, "approve <agent>", "approve the tool call an agent waits on, after re-reading its screen",
            CommandSpec.Param.required("agent", "agent name"), CommandSpec.Param.optional("prompt", "the relayed prompt id")),
    DENY(Role.OPERATOR, 1, 2, "deny <agent>", "deny the tool call an agent waits on, after re-reading its screen",
            CommandSpec.Param.required("agent", "agent name"), CommandSpec.Param.optional("prompt", "the relayed prompt id")),
    ADD(Role.ADMIN, 1, 5, "add <name> [runtime=R] [role=X] [host=H] [workdir=D]", "add an agent to the roster",
            CommandSpec.Param.required("name", "new agent name"),
            CommandSpec.Param.keyValue("runtime", "runtime, e.g. claude, codex, pi"),
            CommandSpec.Param.keyValue("role", "role, e.g. coder, reviewer"),
            CommandSpec.Param.keyValue("host", "a host from the roster's hosts"),
            CommandSpec.Param.keyValue("workdir", "working directory")),
    REMOVE(Role.ADMIN, 1, 1, "remove <agent>", "remove an agent from the roster", "asks to confirm",
            CommandSpec.Param.required("agent", "agent name")),
    COMMS(Role.ADMIN, 0, 1, "comms [tmux|matrix]",
            "show or switch how agents receive messages", "switching asks to confirm",
            CommandSpec.Param.optional("mode", "tmux or matrix")),
    UPDATE(Role.ADMIN, 0, 1, "update [runtime]",
            "update an AI harness to its newest version and restart its agents on it once idle", "asks to confirm",
            CommandSpec.Param.optional("runtime", "runtime, e.g. pi, claude, codex (default: all in use)"));

    /** The word that passes text to the orchestrator agent even when it starts with a verb. */
    public static final String ASK = "ask";

    private final Role minRole;
    private final int minArgs;
    private final int maxArgs;
    private final String usage;
    private final String help;
    private final String confirmNote;
    private final List<CommandSpec.Param> params;

    Verb(Role minRole, int minArgs, int maxArgs, String usage, String help, CommandSpec.Param... params) {
        this(minRole, minArgs, maxArgs, usage, help, "", params);
    }

    Verb(Role minRole, int minArgs, int maxArgs, String usage, String help, String confirmNote,
         CommandSpec.Param... params) {
        this.minRole = minRole;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.usage = usage;
        this.help = help;
        this.confirmNote = confirmNote;
        this.params = List.of(params);
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

    /**
     * The one-line help, the same for every door, e.g. {@code "stop an agent, or the whole fleet"}:
     * the CLI form's description (see {@code dev.mosaic.mos.cli.VerbCommands}) and the start of
     * {@link #summary()}.
     */
    public String help() {
        return help;
    }

    /** The one-line help as chat shows it: with what chat asks to confirm, e.g. {@code "... (asks to confirm)"}. */
    public String summary() {
        return confirmNote.isEmpty() ? help : help + " (" + confirmNote + ")";
    }

    /** The help as a sentence, for a terminal: {@code "Stop an agent, or the whole fleet."}. */
    public String cliHelp() {
        return capitalized(help) + ".";
    }

    /**
     * Whether it only reads (shows the fleet, an agent, help or who you are) and changes nothing:
     * its chat record need not be on disk before the reply ({@link AuditTrail#recordSoon}).
     */
    public boolean readsOnly() {
        return this == HELP || this == PS || this == STATUS || this == WHOAMI || this == TAIL;
    }

    /** Throws an invalid-kind {@link AppException} with the usage line when the argument count is wrong. */
    public void checkArity(int args) {
        if (args < minArgs || args > maxArgs) {
            throw AppException.invalid("usage: " + usage);
        }
    }

    /** The verb typed as {@code word} (any case), if it is one. */
    public static Optional<Verb> of(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.word().equals(w)).findFirst();
    }

    /**
     * Every verb as a connector sees it, for command menus (Discord's {@code /mos}, Telegram's
     * and Slack's): name, one-line help, parameters; last the {@code ask} entry for free text.
     */
    public static List<CommandSpec> commandSpecs() {
        List<CommandSpec> specs = new ArrayList<>();
        for (Verb v : values()) {
            specs.add(new CommandSpec(v.word(), capitalized(v.summary()), v.params));
        }
        specs.add(new CommandSpec(ASK, "Say something to the orchestrator agent",
                List.of(CommandSpec.Param.required("text", "your message")), true));
        return List.copyOf(specs);
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
