package dev.mosaic.connector;

import java.util.List;
import java.util.Objects;

/**
 * One Mos command as a platform's command menu shows it (Discord's {@code /mos} subcommands,
 * Telegram's bot commands, Slack's slash command help). The service derives the list from its
 * single verb table and hands it to connectors through {@link ConnectorContext#commands()}, so
 * no connector keeps its own copy of the verbs. A chosen command goes back to Mos as the typed
 * line {@code name arg1 key=value ...} with {@link Addressing#SLASH_COMMAND}.
 *
 * @param name the verb, e.g. {@code send}
 * @param description one line of help
 * @param params the arguments in order
 * @param freeText true for {@code ask}: its text goes to the orchestrator agent as typed
 */
public record CommandSpec(String name, String description, List<Param> params, boolean freeText) {

    public CommandSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        params = List.copyOf(params);
    }

    public CommandSpec(String name, String description, List<Param> params) {
        this(name, description, params, false);
    }

    /**
     * One argument of a command.
     *
     * @param name its name, e.g. {@code agent}
     * @param description one line of help
     * @param required whether the command needs it
     * @param keyValue written as {@code name=value} rather than by position
     * @param integer a whole number (platforms with typed options can say so)
     */
    public record Param(String name, String description, boolean required, boolean keyValue, boolean integer) {

        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
        }

        public static Param required(String name, String description) {
            return new Param(name, description, true, false, false);
        }

        public static Param optional(String name, String description) {
            return new Param(name, description, false, false, false);
        }

        public static Param integer(String name, String description) {
            return new Param(name, description, false, false, true);
        }

        public static Param keyValue(String name, String description) {
            return new Param(name, description, false, true, false);
        }
    }
}
