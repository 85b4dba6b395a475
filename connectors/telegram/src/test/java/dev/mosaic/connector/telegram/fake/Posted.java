package dev.mosaic.connector.telegram.fake;

import java.util.List;

/**
 * Something the bot did in a chat, as the fake Bot API stored it.
 *
 * @param kind {@code message}, {@code document} or {@code edit}
 * @param messageId the message's id (for an edit: the edited message)
 * @param chatId the chat
 * @param text what a person sees: the text after entity parsing (a document's caption)
 * @param html the text as sent, or null without parse mode
 * @param entities the entities Telegram derived from it
 * @param replyTo the message id it replies to, or null
 * @param buttons the inline keyboard's buttons as {@code label -> callback_data}, in order
 * @param fileName a document's file name, or null
 * @param file a document's content, or null
 */
public record Posted(String kind, int messageId, String chatId, String text, String html, List<BotHtml.Entity> entities,
                     Integer replyTo, List<Button> buttons, String fileName, byte[] file) {

    /** One inline keyboard button. */
    public record Button(String label, String data) {
    }
}
