package dev.mosaic.connector.telegram;

import dev.mosaic.connector.CommandSpec;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The bot's command menu ({@code setMyCommands}) and the reverse mapping from a typed command to
 * the verb line the service parses: {@code /mos ps} and {@code /ps} both become {@code ps},
 * {@code /status@MosBot coder-1} becomes {@code status coder-1}. The menu is Mos's command list
 * ({@link dev.mosaic.connector.ConnectorContext#commands()}, from its one verb table) after the
 * catch-all {@code /mos}; a command not on the list is not ours.
 */
final class BotCommands {

    static final String MOS = "mos";

    /** Telegram's rule for a command: 1-32 of lower-case letters, digits and '_'. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,32}");
    /** Telegram allows 3-256 characters of description. */
    private static final int DESCRIPTION_MAX = 256;

    private final List<BotCommand> menu;
    private final Set<String> names;

    /** @param commands Mos's commands; empty gives a menu of {@code /mos} alone */
    BotCommands(List<CommandSpec> commands) {
        List<BotCommand> entries = new ArrayList<>();
        entries.add(new BotCommand(MOS, "Any Mos command: /mos <command> [args], e.g. /mos help"));
        for (CommandSpec c : commands) {
            if (NAME.matcher(c.name()).matches() && !c.name().equals(MOS)) {
                entries.add(new BotCommand(c.name(), description(c)));
            }
        }
        this.menu = List.copyOf(entries);
        this.names = entries.stream().map(BotCommand::getCommand).collect(Collectors.toUnmodifiableSet());
    }

    /** E.g. {@code "Show the last n lines of an agent's terminal: /tail <agent> [lines]"}. */
    private static String description(CommandSpec c) {
        StringBuilder usage = new StringBuilder("/").append(c.name());
        for (CommandSpec.Param p : c.params()) {
            String shown = p.keyValue() ? p.name() + "=…" : p.name();
            usage.append(' ').append(p.required() ? "<" + shown + ">" : "[" + shown + "]");
        }
        String s = c.params().isEmpty() ? c.description() : c.description() + ": " + usage;
        return s.length() <= DESCRIPTION_MAX ? s : s.substring(0, DESCRIPTION_MAX - 1) + "…";
    }

    List<BotCommand> menu() {
        return menu;
    }

    /**
     * The verb line for a message that starts with a bot command, or empty when the command is
     * addressed to another bot ({@code /ps@OtherBot}) or is not one of ours.
     *
     * @param command the command entity's text, e.g. {@code /ps@MosBot}
     * @param rest the text after the command entity
     * @param botUsername the bot's own username (without {@code @})
     */
    Optional<String> verbLine(String command, String rest, String botUsername) {
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
        if (!names.contains(verb)) {
            return Optional.empty();
        }
        return Optional.of(args.isEmpty() ? verb : verb + " " + args);
    }
}
