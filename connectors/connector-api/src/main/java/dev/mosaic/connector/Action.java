package dev.mosaic.connector;

import java.util.Objects;

/**
 * A button offered under an outbound message (Discord components, Telegram inline keyboards,
 * Slack Block Kit, the web page). Pressing it is the same as the presser typing {@link #command()}
 * to Mos: the connector delivers an {@link InboundMessage} with {@link Addressing#ACTION}, the
 * presser as sender and the command as text, so identity, authorization, confirmation and audit
 * run exactly as for typed text. Connectors without buttons ignore actions; the message text
 * always says what to type instead (e.g. "reply {@code confirm 4821}").
 *
 * @param label what the button shows, e.g. "Approve"
 * @param command the Mos command the press stands for, e.g. {@code approve coder-1}
 * @param style a rendering hint
 */
public record Action(String label, String command, Style style) {

    /** A rendering hint; platforms without styles show every action alike. */
    public enum Style { PRIMARY, DANGER, SECONDARY }

    public Action {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(style, "style");
        if (label.isBlank()) {
            throw new IllegalArgumentException("action label must not be blank");
        }
        if (command.isBlank() || command.contains("\n")) {
            throw new IllegalArgumentException("action command must be one non-blank line, was '" + command + "'");
        }
    }

    public static Action of(String label, String command) {
        return new Action(label, command, Style.SECONDARY);
    }
}
