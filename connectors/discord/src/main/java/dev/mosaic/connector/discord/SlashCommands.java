package dev.mosaic.connector.discord;

import dev.mosaic.connector.CommandSpec;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

import java.util.List;
import java.util.Optional;

/**
 * The {@code /mos} slash command: one subcommand per chat verb, and the reverse mapping from an
 * interaction back to the verb line the service parses ({@code /mos send agent:coder-1 text:hi}
 * becomes {@code send coder-1 hi}).
 */
final class SlashCommands {

    static final String COMMAND = "mos";

    /** How an option is written back into the verb line. */
    private enum Style { POSITIONAL, KEY_VALUE }

    private record Opt(String name, OptionType type, boolean required, String description, Style style) {
        static Opt arg(String name, String description) {
            return new Opt(name, OptionType.STRING, true, description, Style.POSITIONAL);
        }
    }

    /** @param verb the verb written first in the line, or null for free text to the orchestrator */
    private record Sub(String name, String verb, String description, List<Opt> options) {
    }

    private static final String AGENT = "agent name, or 'all'";

    private static final List<Sub> SUBS = List.of(
            new Sub("ps", "ps", "List the fleet and each agent's state", List.of()),
            new Sub("status", "status", "Show one agent's status", List.of(Opt.arg("agent", "agent name"))),
            new Sub("send", "send", "Send text into an agent's terminal",
                    List.of(Opt.arg("agent", "agent name"), Opt.arg("text", "what to type"))),
            new Sub("start", "start", "Start an agent", List.of(Opt.arg("agent", AGENT))),
            new Sub("stop", "stop", "Stop an agent", List.of(Opt.arg("agent", AGENT))),
            new Sub("restart", "restart", "Restart an agent", List.of(Opt.arg("agent", AGENT))),
            new Sub("tail", "tail", "Show the last lines of an agent's terminal", List.of(Opt.arg("agent", "agent name"),
                    new Opt("lines", OptionType.INTEGER, false, "how many lines", Style.POSITIONAL))),
            new Sub("add", "add", "Add an agent to the roster", List.of(Opt.arg("name", "new agent name"),
                    new Opt("runtime", OptionType.STRING, false, "runtime, e.g. claude, codex, pi", Style.KEY_VALUE),
                    new Opt("role", OptionType.STRING, false, "role, e.g. coder, reviewer", Style.KEY_VALUE))),
            new Sub("remove", "remove", "Remove an agent (asks for confirmation)", List.of(Opt.arg("agent", "agent name"))),
            new Sub("whoami", "whoami", "Show who Mos thinks you are and your role", List.of()),
            new Sub("help", "help", "List the commands, or explain one", List.of(
                    new Opt("verb", OptionType.STRING, false, "a command to explain", Style.POSITIONAL))),
            new Sub("confirm", "confirm", "Confirm a destructive command with its code", List.of(Opt.arg("code", "the code Mos gave"))),
            new Sub("cancel", "cancel", "Cancel the pending confirmation", List.of()),
            new Sub("ask", null, "Say something to the orchestrator agent", List.of(Opt.arg("text", "your message"))));

    private SlashCommands() {
    }

    /**
     * The subcommands for Mos's command list (derived from its verb table, see
     * {@link dev.mosaic.connector.ConnectorContext#commands()}); the built-in list when it offers none.
     */
    private static List<Sub> subs(List<CommandSpec> specs) {
        if (specs.isEmpty()) {
            return SUBS;
        }
        return specs.stream().map(c -> new Sub(c.name(), c.freeText() ? null : c.name(), limit(c.description()),
                c.params().stream().map(p -> new Opt(p.name(), p.integer() ? OptionType.INTEGER : OptionType.STRING,
                        p.required(), limit(p.description()), p.keyValue() ? Style.KEY_VALUE : Style.POSITIONAL))
                        .toList())).toList();
    }

    /** Discord allows 100 characters of description. */
    private static String limit(String s) {
        return s.length() <= 100 ? s : s.substring(0, 99) + "…";
    }

    /** The command definition registered for the guild, from Mos's command list. */
    static SlashCommandData definition(List<CommandSpec> specs) {
        SlashCommandData data = Commands.slash(COMMAND, "Command the Mos agent fleet");
        for (Sub sub : subs(specs)) {
            SubcommandData sd = new SubcommandData(sub.name(), sub.description());
            for (Opt o : sub.options()) {
                sd.addOptions(new OptionData(o.type(), o.name(), o.description(), o.required()));
            }
            data.addSubcommands(sd);
        }
        return data;
    }

    /** The verb line for {@code event}, or empty when it is not a {@code /mos} subcommand we know. */
    static Optional<String> verbLine(SlashCommandInteractionEvent event, List<CommandSpec> specs) {
        if (!COMMAND.equals(event.getName()) || event.getSubcommandName() == null) {
            return Optional.empty();
        }
        return subs(specs).stream().filter(s -> s.name().equals(event.getSubcommandName())).findFirst()
                .map(sub -> render(sub, event));
    }

    private static String render(Sub sub, SlashCommandInteractionEvent event) {
        StringBuilder line = new StringBuilder(sub.verb() == null ? "" : sub.verb());
        for (Opt o : sub.options()) {
            OptionMapping m = event.getOption(o.name());
            if (m == null) {
                continue;
            }
            String value = m.getAsString().strip();
            if (value.isEmpty()) {
                continue;
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            if (sub.verb() != null) {
                value = quote(value);
            }
            line.append(o.style() == Style.KEY_VALUE ? o.name() + "=" + value : value);
        }
        return line.toString();
    }

    /**
     * Quotes a value for the service's shell-like tokenizer when it holds whitespace, quotes or
     * backslashes, so {@code text:don't stop} stays one exact argument instead of an unclosed quote.
     * Free text ({@code ask}) is passed as typed: the service takes it verbatim.
     */
    static String quote(String value) {
        boolean plain = value.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\\'
                || c == '\'' || c == '\u201C' || c == '\u201D');
        if (plain) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
