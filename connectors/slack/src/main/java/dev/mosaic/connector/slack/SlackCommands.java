package dev.mosaic.connector.slack;

import dev.mosaic.connector.CommandSpec;

import java.util.List;
import java.util.Optional;

/**
 * Slack's menu of {@code /mos} commands: Slack has no per-bot command list to register (the app
 * manifest declares {@code /mos} alone), so a bare {@code /mos} answers, visible only to the person
 * who typed it, with Mos's command list ({@link dev.mosaic.connector.ConnectorContext#commands()},
 * from its one verb table): one line per command with its arguments and help.
 */
final class SlackCommands {

    private SlackCommands() {
    }

    /** The menu for a bare {@code /mos}, or empty when Mos offers no list (then {@code help} is asked). */
    static Optional<String> menu(List<CommandSpec> commands) {
        if (commands.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder("*Mos commands* (`")
                .append(SlackEvents.COMMAND).append(" help` lists the ones you may run):");
        for (CommandSpec c : commands) {
            b.append("\n• `").append(SlackEvents.COMMAND).append(' ').append(c.name());
            for (CommandSpec.Param p : c.params()) {
                String shown = p.keyValue() ? p.name() + "=…" : p.name();
                b.append(' ').append(p.required() ? "<" + shown + ">" : "[" + shown + "]");
            }
            b.append("` — ").append(c.description());
        }
        return Optional.of(b.toString());
    }
}
