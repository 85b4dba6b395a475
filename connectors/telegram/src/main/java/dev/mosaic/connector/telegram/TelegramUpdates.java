package dev.mosaic.connector.telegram;

import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.Sender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns Bot API updates into {@link InboundMessage}s: direct messages, commands, mentions and
 * replies to the bot in the configured groups, and inline-button presses. Edited messages are
 * never delivered: changing a sent command must not run it again. The long-polling session calls
 * it on its one thread, so messages arrive in update order.
 */
final class TelegramUpdates implements LongPollingUpdateConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramUpdates.class);

    /** A button press waiting for the service's verdict, so the message can show who decided. */
    record Press(String callbackId, long chatId, int messageId, String label, String presser, String messageHtml) {
    }

    private final TelegramSettings settings;
    private final ConnectorContext context;
    private final Consumer<InboundMessage> inbound;
    private final long botId;
    private final String botUsername;
    private final TelegramConnector connector;
    private final BotCommands commands;

    TelegramUpdates(TelegramSettings settings, ConnectorContext context, Consumer<InboundMessage> inbound,
                    long botId, String botUsername, TelegramConnector connector, BotCommands commands) {
        this.commands = commands;
        this.settings = settings;
        this.context = context;
        this.inbound = inbound;
        this.botId = botId;
        this.botUsername = botUsername;
        this.connector = connector;
    }

    @Override
    public void consume(List<Update> updates) {
        for (Update u : updates) {
            try {
                if (u.hasMessage()) {
                    message(u.getMessage()).ifPresent(this::deliver);
                } else if (u.hasCallbackQuery()) {
                    press(u.getCallbackQuery()).ifPresent(this::deliver);
                }
                // edited_message, channel_post and the rest are not commands: ignored on purpose.
            } catch (RuntimeException e) {
                LOG.warn("could not read Telegram update {}: {}", u.getUpdateId(), e.toString());
            }
        }
    }

    private void deliver(InboundMessage m) {
        try {
            inbound.accept(m);
        } catch (RuntimeException e) {
            // One failing handler must not stop the poller for everyone else.
            LOG.warn("inbound handler failed for Telegram message {}", m.messageId(), e);
        }
    }

    Optional<InboundMessage> message(Message m) {
        User from = m.getFrom();
        if (from == null || m.getSenderChat() != null || !m.hasText()) {
            return Optional.empty(); // channel posts and anonymous admins carry no person's id
        }
        if (from.getId() == botId) {
            return Optional.empty();
        }
        Instant sentAt = Instant.ofEpochSecond(m.getDate());
        if (sentAt.getEpochSecond() < context.startedAt().getEpochSecond()) {
            return Optional.empty(); // queued before the service started: history, not a command
        }
        String chatId = String.valueOf(m.getChatId());
        boolean direct = m.getChat() != null && m.getChat().isUserChat();
        String text = m.getText();
        List<MessageEntity> entities = m.getEntities() == null ? List.of() : m.getEntities();
        if (!direct && !settings.watches(chatId)) {
            // A command addressed to Mos in a group it does not listen in gets the group's id, so an
            // admin can add it; everything else there is ignored.
            if (commandLine(text, entities).isPresent()) {
                connector.notice(m.getChatId(), m.getMessageId(), "Mos does not listen in this chat. Its chat id is "
                        + chatId + ": an admin can add it under connectors.telegram.chats in the roster.");
            }
            LOG.debug("ignoring Telegram chat {} (not in connectors.telegram.chats)", chatId);
            return Optional.empty();
        }
        Addressing addressing = direct ? Addressing.DIRECT : Addressing.NONE;
        boolean startsWithCommand = entities.stream()
                .anyMatch(e -> "bot_command".equals(e.getType()) && e.getOffset() == 0);
        if (startsWithCommand) {
            Optional<String> line = commandLine(text, entities);
            if (line.isEmpty()) {
                return Optional.empty(); // meant for another bot, or not a Mos command
            }
            text = line.get();
            addressing = Addressing.SLASH_COMMAND;
        } else if (!direct) {
            String stripped = withoutOwnMention(text, entities);
            if (!stripped.equals(text)) {
                text = stripped;
                addressing = Addressing.MENTION;
            } else if (repliesToSelf(m)) {
                addressing = Addressing.MENTION; // replying to Mos is talking to Mos
            }
        }
        Integer thread = Boolean.TRUE.equals(m.getIsTopicMessage()) ? m.getMessageThreadId() : null;
        Conversation conversation = new Conversation(TelegramSettings.TYPE, chatId,
                thread == null ? null : thread.toString(), direct);
        return Optional.of(new InboundMessage(messageKey(m.getChatId(), m.getMessageId()), conversation,
                sender(from), text, sentAt, addressing));
    }

    /**
     * The verb line of a message that starts with one of our commands, else empty.
     * {@code Message.isCommand()} reads entity text that telegrambots fills only in
     * {@code getEntities()}, so it is false for a fresh message: the entity is read here
     * (offsets are UTF-16 units, as Java strings count).
     */
    private Optional<String> commandLine(String text, List<MessageEntity> entities) {
        return entities.stream().filter(e -> "bot_command".equals(e.getType()) && e.getOffset() == 0).findFirst()
                .flatMap(e -> {
                    int end = Math.min(text.length(), e.getLength());
                    return commands.verbLine(text.substring(0, end), text.substring(end), botUsername);
                });
    }

    Optional<InboundMessage> press(CallbackQuery q) {
        MaybeInaccessibleMessage target = q.getMessage();
        String data = q.getData();
        if (target == null || data == null || data.isBlank() || q.getFrom() == null) {
            connector.answerPress(q.getId(), null);
            return Optional.empty();
        }
        String chatId = String.valueOf(target.getChatId());
        boolean direct = target.getChatId() > 0;
        if (!direct && !settings.watches(chatId)) {
            connector.answerPress(q.getId(), "Mos does not listen in this chat.");
            return Optional.empty();
        }
        // Answer at once: the client shows a spinner on the button until the query is answered.
        connector.answerPress(q.getId(), null);
        Sender presser = sender(q.getFrom());
        String label = data;
        String html = null;
        if (target instanceof Message m) {
            label = buttonLabel(m.getReplyMarkup(), data).orElse(data);
            html = m.hasText() ? TelegramHtml.escape(m.getText()) : null;
        }
        String id = "cb:" + q.getId();
        User by = q.getFrom();
        String who = by.getUserName() != null && !by.getUserName().isBlank() ? "@" + by.getUserName() : presser.displayName();
        connector.pressed(id, new Press(q.getId(), target.getChatId(), target.getMessageId(), label, who, html));
        Integer thread = target instanceof Message m && Boolean.TRUE.equals(m.getIsTopicMessage())
                ? m.getMessageThreadId() : null;
        Conversation conversation = new Conversation(TelegramSettings.TYPE, chatId,
                thread == null ? null : thread.toString(), direct);
        return Optional.of(new InboundMessage(id, conversation, presser, data.strip(),
                context.clock().instant(), Addressing.ACTION));
    }

    private static Optional<String> buttonLabel(InlineKeyboardMarkup markup, String data) {
        if (markup == null || markup.getKeyboard() == null) {
            return Optional.empty();
        }
        return markup.getKeyboard().stream().flatMap(List::stream)
                .filter(b -> data.equals(b.getCallbackData())).map(InlineKeyboardButton::getText).findFirst();
    }

    private String withoutOwnMention(String text, List<MessageEntity> entities) {
        String own = "@" + botUsername;
        for (MessageEntity e : entities) {
            if ("mention".equals(e.getType())) {
                int end = Math.min(text.length(), e.getOffset() + e.getLength());
                String mention = text.substring(e.getOffset(), end);
                if (mention.equalsIgnoreCase(own)) {
                    String rest = (text.substring(0, e.getOffset()) + " " + text.substring(end)).strip();
                    return rest.replaceFirst("^[,:]\\s*", "");
                }
            }
        }
        return text;
    }

    private boolean repliesToSelf(Message m) {
        Message replied = m.getReplyToMessage();
        return replied != null && replied.getFrom() != null && replied.getFrom().getId() == botId;
    }

    static Sender sender(User u) {
        // The display name is for replies and audit only (a username can change hands); the id decides.
        String name = u.getUserName() != null && !u.getUserName().isBlank() ? u.getUserName()
                : (u.getFirstName() + (u.getLastName() == null ? "" : " " + u.getLastName())).strip();
        return new Sender(TelegramSettings.TYPE, String.valueOf(u.getId()), name, Boolean.TRUE.equals(u.getIsBot()));
    }

    /** Message ids count per chat, so the id Mos sees names the chat too: {@code <chat>/<message>}. */
    static String messageKey(long chatId, int messageId) {
        return chatId + "/" + messageId;
    }
}
