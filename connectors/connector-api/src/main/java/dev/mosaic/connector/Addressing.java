package dev.mosaic.connector;

/** How a message reached Mos; decides whether the service needs to look for a command prefix. */
public enum Addressing {
    /** A direct (one-to-one) message: always meant for Mos. */
    DIRECT,
    /** The bot was mentioned; the mention is already removed from the text. */
    MENTION,
    /** A platform slash command; the text holds the verb and its arguments. */
    SLASH_COMMAND,
    /** A button press ({@link Action}): the text is the action's command, the sender the presser. */
    ACTION,
    /** An ordinary message in a watched conversation: meant for Mos only with the prefix. */
    NONE
}
