package dev.mosaic.connector.telegram;

import dev.mosaic.connector.LongOutput;
import dev.mosaic.connector.Acknowledger;
import dev.mosaic.connector.Action;
import dev.mosaic.connector.Connector;
import dev.mosaic.connector.ConnectorCapabilities;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.FileSender;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.TextSplitter;
import dev.mosaic.connector.TypingIndicator;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.BotSession;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Telegram bot, driven by telegrambots: long polling for updates, the Bot API for replies.
 * Replies are rendered as HTML (agent output escaped), split at 4,096 characters with code blocks
 * intact, chained to the asking message; long output goes as a document; actions become an inline
 * keyboard whose presses come back as {@link dev.mosaic.connector.Addressing#ACTION} messages.
 */
final class TelegramConnector implements Connector, Acknowledger, TypingIndicator, FileSender {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramConnector.class);
    static final int MAX_LENGTH = 4096;
    /** More parts than this is a flood: the text goes as a document instead. */
    static final int MAX_PARTS = 4;
    /** Telegram's caption limit for a document. */
    static final int MAX_CAPTION = 1024;
    /** Seconds the server holds a getUpdates open when nothing happens. */
    static final int POLL_TIMEOUT_SECONDS = 50;

    private final TelegramSettings settings;
    private final ConnectorContext context;
    private final TextSplitter splitter = new TextSplitter(MAX_LENGTH);
    private final RecentMap<String, String> sentHtml = new RecentMap<>(2048);
    private final RecentMap<String, TelegramUpdates.Press> presses = new RecentMap<>(1024);
    private final BotApi api;
    private final BotCommands commands;
    private volatile OkHttpTelegramClient client;
    private volatile OkHttpClient http;
    private volatile ScheduledExecutorService poller;
    private volatile TelegramBotsLongPollingApplication application;
    private volatile PollWatcher watcher;
    private volatile boolean started;

    TelegramConnector(TelegramSettings settings, ConnectorContext context) {
        this.settings = settings;
        this.context = context;
        this.commands = new BotCommands(context.commands());
        this.api = new BotApi(settings.token());
    }

    @Override
    public ConnectorCapabilities capabilities() {
        return new ConnectorCapabilities(MAX_LENGTH, true, true);
    }

    @Override
    public void start(Consumer<InboundMessage> inbound) throws ConnectorException {
        if (started) {
            throw new IllegalStateException("Telegram connector already started");
        }
        started = true;
        context.reportState(ConnectorState.CONNECTING, "connecting to the Telegram Bot API at " + settings.apiBase());
        watcher = new PollWatcher(context, this::park);
        http = new OkHttpClient.Builder()
                .readTimeout(POLL_TIMEOUT_SECONDS + 25, TimeUnit.SECONDS)
                .connectTimeout(20, TimeUnit.SECONDS)
                .writeTimeout(60, TimeUnit.SECONDS)
                .addInterceptor(watcher)
                .build();
        client = new OkHttpTelegramClient(http, settings.token(), settings.telegramUrl());
        User me = whoAmI();
        registerCommands();
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "telegram-poll");
            t.setDaemon(true);
            return t;
        });
        TelegramUpdates updates = new TelegramUpdates(settings, context, inbound, me.getId(), me.getUserName(), this,
                commands);
        application = new TelegramBotsLongPollingApplication(com.fasterxml.jackson.databind.ObjectMapper::new,
                () -> http, () -> poller, PollBackOff::new);
        try {
            application.registerBot(settings.token(), settings::telegramUrl, offset -> GetUpdates.builder()
                    .offset(offset + 1).limit(100).timeout(POLL_TIMEOUT_SECONDS)
                    .allowedUpdates(List.of("message", "callback_query")).build(), updates);
        } catch (TelegramApiException e) {
            String msg = "could not start long polling at " + settings.apiBase() + ": " + redact(e.getMessage());
            close();
            context.reportState(ConnectorState.DEGRADED, msg);
            throw new ConnectorException(msg, false);
        }
        context.reportState(ConnectorState.CONNECTED, "connected as @" + me.getUserName()
                + (settings.chatIds().isEmpty() ? " (direct messages only)" : " in " + settings.chatIds().size()
                + " chat(s) and direct messages"));
    }

    private User whoAmI() throws ConnectorException {
        try {
            return client.execute(new org.telegram.telegrambots.meta.api.methods.GetMe());
        } catch (TelegramApiRequestException e) {
            if (e.getErrorCode() != null && (e.getErrorCode() == 401 || e.getErrorCode() == 404)) {
                String msg = "Telegram rejected the bot token (" + e.getErrorCode() + " on getMe): check"
                        + " connectors.telegram.token (@BotFather: /token shows it, /revoke makes a new one)";
                LOG.debug("getMe answered {}", e.getApiResponse());
                close();
                context.reportState(ConnectorState.FAILED, msg);
                throw new ConnectorException(msg, true);
            }
            throw unreachable(e);
        } catch (TelegramApiException e) {
            throw unreachable(e);
        }
    }

    private ConnectorException unreachable(TelegramApiException e) {
        String msg = "could not reach the Telegram Bot API at " + settings.apiBase() + ": " + describe(e);
        close();
        context.reportState(ConnectorState.DEGRADED, msg);
        return new ConnectorException(msg, false);
    }

    private void registerCommands() {
        // setMyCommands overwrites the menu, so registering on every start keeps it current.
        try {
            call(() -> client.execute(new SetMyCommands(commands.menu())), "setMyCommands", null);
        } catch (ConnectorException e) {
            LOG.warn("could not register the Telegram command menu: {}", e.getMessage());
        }
    }

    /** A revoked token while polling: stop polling at once; the supervisor parks the connector. */
    private void park() {
        Thread t = new Thread(this::close, "telegram-park");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void send(OutboundMessage message) throws ConnectorException {
        List<String> parts = splitter.split(message.text());
        if (parts.size() > MAX_PARTS) {
            sendDocument(message.conversation(), "mos-output.txt", LongOutput.fileContent(message.text()),
                    LongOutput.caption(message.text()), message.inReplyTo(), message.actions());
            return;
        }
        Integer replyTo = replyableId(message.conversation(), message.inReplyTo());
        for (int i = 0; i < parts.size(); i++) {
            sendPart(message.conversation(), parts.get(i), i == 0 ? replyTo : null,
                    i == parts.size() - 1 ? message.actions() : List.of());
        }
    }

    private void sendPart(Conversation c, String markdown, Integer replyTo, List<Action> actions)
            throws ConnectorException {
        String html = TelegramHtml.render(markdown);
        SendMessage.SendMessageBuilder<?, ?> b = SendMessage.builder().chatId(c.id()).text(html).parseMode("HTML")
                .linkPreviewOptions(org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions.builder()
                        .isDisabled(true).build());
        decorate(c, replyTo, actions, b);
        Message sent;
        try {
            sent = call(() -> client.execute(b.build()), "sendMessage", c);
        } catch (BotApi.ParseFailure e) {
            // Our escaping should make this impossible; if Telegram still disagrees, say it plainly.
            LOG.warn("Telegram could not parse a reply's HTML ({}); sending it as plain text", e.getMessage());
            SendMessage.SendMessageBuilder<?, ?> plain = SendMessage.builder().chatId(c.id()).text(markdown);
            decorate(c, replyTo, actions, plain);
            sent = call(() -> client.execute(plain.build()), "sendMessage", c);
            html = TelegramHtml.escape(markdown);
        }
        if (sent != null && !actions.isEmpty()) {
            sentHtml.put(TelegramUpdates.messageKey(sent.getChatId(), sent.getMessageId()), html);
        }
    }

    private static void decorate(Conversation c, Integer replyTo, List<Action> actions,
                                 SendMessage.SendMessageBuilder<?, ?> b) {
        if (c.thread() != null) {
            b.messageThreadId(Integer.valueOf(c.thread()));
        }
        if (replyTo != null) {
            // A deleted asking message must not make the reply fail.
            b.replyParameters(ReplyParameters.builder().messageId(replyTo).allowSendingWithoutReply(true).build());
        }
        if (!actions.isEmpty()) {
            b.replyMarkup(keyboard(actions));
        }
    }

    static InlineKeyboardMarkup keyboard(List<Action> actions) {
        List<InlineKeyboardRow> rows = new ArrayList<>();
        InlineKeyboardRow row = new InlineKeyboardRow();
        for (Action a : actions) {
            if (row.size() == 3) {
                rows.add(row);
                row = new InlineKeyboardRow();
            }
            row.add(InlineKeyboardButton.builder().text(a.label()).callbackData(callbackData(a.command())).build());
        }
        rows.add(row);
        return new InlineKeyboardMarkup(rows);
    }

    /** callback_data holds at most 64 bytes; a longer command is cut at a character boundary (never expected). */
    private static String callbackData(String command) {
        String c = command;
        while (c.getBytes(StandardCharsets.UTF_8).length > 64) {
            c = c.substring(0, c.length() - 1);
        }
        return c;
    }

    @Override
    public void sendFile(Conversation conversation, String fileName, byte[] content, String caption, String inReplyTo)
            throws ConnectorException {
        sendDocument(conversation, fileName, content, caption, inReplyTo, List.of());
    }

    private void sendDocument(Conversation c, String fileName, byte[] content, String caption, String inReplyTo,
                              List<Action> actions) throws ConnectorException {
        String text = caption == null ? "" : caption;
        if (text.length() > MAX_CAPTION) {
            text = text.substring(0, MAX_CAPTION - 1) + "…";
        }
        SendDocument.SendDocumentBuilder<?, ?> b = SendDocument.builder().chatId(c.id())
                .document(new InputFile(new ByteArrayInputStream(content), fileName));
        if (!text.isEmpty()) {
            b.caption(text);
        }
        if (c.thread() != null) {
            b.messageThreadId(Integer.valueOf(c.thread()));
        }
        Integer replyTo = replyableId(c, inReplyTo);
        if (replyTo != null) {
            b.replyParameters(ReplyParameters.builder().messageId(replyTo).allowSendingWithoutReply(true).build());
        }
        if (!actions.isEmpty()) {
            b.replyMarkup(keyboard(actions));
        }
        // The stream is read once per attempt: build a fresh request each time.
        call(() -> {
            SendDocument d = b.build();
            d.setDocument(new InputFile(new ByteArrayInputStream(content), fileName));
            return client.execute(d);
        }, "sendDocument", c);
    }

    @Override
    public void typing(Conversation conversation) throws ConnectorException {
        SendChatAction.SendChatActionBuilder<?, ?> b = SendChatAction.builder().chatId(conversation.id()).action("typing");
        if (conversation.thread() != null) {
            b.messageThreadId(Integer.valueOf(conversation.thread()));
        }
        OkHttpTelegramClient c = client();
        try {
            c.executeAsync(b.build());
        } catch (TelegramApiException e) {
            LOG.debug("typing indicator failed in Telegram chat {}: {}", conversation.id(), e.toString());
        }
    }

    /** Only button presses are acknowledged: the pressed message then shows who decided. */
    @Override
    public void acknowledge(InboundMessage message, Ack ack) throws ConnectorException {
        if (ack != Ack.DONE || !message.messageId().startsWith("cb:")) {
            return;
        }
        Optional<TelegramUpdates.Press> press = presses.get(message.messageId());
        if (press.isEmpty()) {
            return;
        }
        TelegramUpdates.Press p = press.get();
        String key = TelegramUpdates.messageKey(p.chatId(), p.messageId());
        String before = sentHtml.remove(key).orElse(p.messageHtml());
        String html = (before == null ? "" : before + "\n\n") + "— <b>" + TelegramHtml.escape(p.label())
                + "</b> by " + TelegramHtml.escape(p.presser());
        // Without reply_markup the keyboard goes away: a decision is taken once.
        EditMessageText edit = EditMessageText.builder().chatId(String.valueOf(p.chatId())).messageId(p.messageId())
                .text(html).parseMode("HTML").build();
        call(() -> client.execute(edit), "editMessageText", message.conversation());
    }

    /** A one-line answer from the connector itself (not the service), e.g. in a chat Mos does not listen in. */
    void notice(long chatId, int replyTo, String text) {
        try {
            sendPart(new Conversation(TelegramSettings.TYPE, String.valueOf(chatId), null, false), text, replyTo, List.of());
        } catch (ConnectorException e) {
            LOG.debug("could not answer in Telegram chat {}: {}", chatId, e.getMessage());
        }
    }

    void pressed(String id, TelegramUpdates.Press press) {
        presses.put(id, press);
    }

    void answerPress(String callbackId, String text) {
        OkHttpTelegramClient c = client;
        if (c == null) {
            return;
        }
        try {
            AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> b = AnswerCallbackQuery.builder().callbackQueryId(callbackId);
            if (text != null) {
                b.text(text);
            }
            c.executeAsync(b.build()).exceptionally(e -> {
                LOG.debug("answerCallbackQuery failed: {}", e.toString());
                return false;
            });
        } catch (TelegramApiException e) {
            LOG.debug("answerCallbackQuery failed: {}", e.toString());
        }
    }

    /** The Telegram message id a reply can quote, or null (a button press quotes the pressed message). */
    private Integer replyableId(Conversation c, String inReplyTo) {
        if (inReplyTo == null) {
            return null;
        }
        if (inReplyTo.startsWith("cb:")) {
            return presses.get(inReplyTo).map(TelegramUpdates.Press::messageId).orElse(null);
        }
        int slash = inReplyTo.indexOf('/');
        if (slash < 0 || !inReplyTo.substring(0, slash).equals(c.id())) {
            return null;
        }
        try {
            return Integer.valueOf(inReplyTo.substring(slash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private OkHttpTelegramClient client() throws ConnectorException {
        OkHttpTelegramClient c = client;
        if (c == null) {
            throw new ConnectorException("Telegram connector is not started", false);
        }
        return c;
    }

    private <T> T call(BotApi.Call<T> call, String method, Conversation c) throws ConnectorException {
        client();
        return api.call(call, method, c == null ? null : c.id());
    }

    private String describe(TelegramApiException e) {
        return api.describe(e);
    }

    private String redact(String text) {
        return api.redact(text);
    }

    @Override
    public void close() {
        PollWatcher w = watcher;
        if (w != null) {
            w.close();
        }
        TelegramBotsLongPollingApplication app = application;
        application = null;
        if (app != null) {
            try {
                app.close();
            } catch (Exception e) {
                LOG.debug("closing the Telegram long polling failed: {}", e.toString());
            }
        }
        ScheduledExecutorService p = poller;
        poller = null;
        if (p != null) {
            p.shutdownNow();
        }
        OkHttpClient h = http;
        if (h != null) {
            // Ends the open long poll now instead of after its timeout, so no update is taken by a closed connector.
            h.dispatcher().cancelAll();
            h.dispatcher().executorService().shutdown();
            h.connectionPool().evictAll();
        }
        client = null;
    }

    @Override
    public String toString() {
        return "TelegramConnector[" + settings + "]";
    }
}
