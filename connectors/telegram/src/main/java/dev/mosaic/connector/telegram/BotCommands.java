package dev.mosaic.connector.telegram;

import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The bot's command menu ({@code setMyCommands}) and the reverse mapping from a typed command to
 * the verb line the service parses: {@code /mos ps} and {@code /ps} both become {@code ps},
 * {@code /status@MosBot coder-1} becomes {@code status coder-1}.
 */
final class BotCommands {

    static final String MOS = "mos";

    /** Menu entries; Telegram allows lower-case letters, digits and '_' (1-32) and 3-256 chars of description. */
    private static final List<BotCommand> MENU = List.of(
            new BotCommand(MOS, "Any Mos command: /mos <verb> [args], e.g. /mos ps"),
            new BotCommand("ps", "List the fleet and each agent's state"),
            new BotCommand("status", "Show one agent: /status <agent>"),
            new BotCommand("send", "Type text into an agent: /send <agent> <text>"),
            new BotCommand("tail", "Last lines of an agent's terminal: /tail <agent> [n]"),
            new BotCommand("start", "Start an agent: /start <agent|all>"),
            new BotCommand("stop", "Stop an agent: /stop <agent|all> (asks to confirm)"),
            new BotCommand("restart", "Restart an agent: /restart <agent|all>"),
            new BotCommand("add", "Add an agent: /add <name> [runtime=R] [role=X]"),
            new BotCommand("remove", "Remove an agent: /remove <agent> (asks to confirm)"),
            new BotCommand("approve", "Approve what an agent waits for: /approve <agent>"),
            new BotCommand("deny", "Deny what an agent waits for: /deny <agent>"),
            new BotCommand("confirm", "Confirm a destructive command: /confirm <code>"),
            new BotCommand("cancel", "Drop the command waiting for confirmation"),
            new BotCommand("ask", "Say something to the orchestrator agent: /ask <text>"),
            new BotCommand("whoami", "Show your Telegram id and your role"),
            new BotCommand("help", "List the commands, or explain one: /help [verb]"));

    private BotCommands() {
    }

    static List<BotCommand> menu() {
        return MENU;
    }

    /**
     * The verb line for a message that starts with a bot command, or empty when the command is
     * addressed to another bot ({@code /ps@OtherBot}) or is not one of ours.
     *
     * @param command the command entity's text, e.g. {@code /ps@MosBot}
     * @param rest the text after the command entity
     * @param botUsername the bot's own username (without {@code @})
     */
    static Optional<String> verbLine(String command, String rest, String botUsername) {
        String name = command.startsWith("/") ? command.substring(1) : command;
        int at = name.indexOf('@');
        if (at >= 0) {
            if (!name.substring(at + 1).equalsIgnoreCase(botUsername)) {
                return Optional.empty();
            }
            name = name.substring(0, at);
        }
        String verb = name.toLowerCase(Locale.ROOT);
        String args = rest.strip();
        if (verb.equals(MOS)) {
            return Optional.of(args);
        }
        if (verb.equals("start") && args.isEmpty()) {
            // Telegram sends a bare /start when someone opens the bot for the first time.
            return Optional.of("help");
        }
        boolean known = MENU.stream().anyMatch(c -> c.getCommand().equals(verb));
        if (!known) {
            return Optional.empty();
        }
        return Optional.of(args.isEmpty() ? verb : verb + " " + args);
    }
}
