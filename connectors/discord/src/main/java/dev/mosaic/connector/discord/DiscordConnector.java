package dev.mosaic.connector.discord;

import dev.mosaic.connector.LongOutput;
import dev.mosaic.connector.Acknowledger;
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
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.FileUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A Discord bot account, driven by JDA: delivers prefix commands and mentions in the configured
 * guild channels, DMs, and {@code /mos} slash commands; replies chained to the asking message,
 * split fence-aware to 2,000 characters, with long output attached as a file.
 */
final class DiscordConnector implements Connector, Acknowledger, TypingIndicator, FileSender {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordConnector.class);
    static final int MAX_LENGTH = 2000;
    /** More parts than this is a flood: the text goes as a file attachment instead. */
    static final int MAX_PARTS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Emoji RECEIVED = Emoji.fromUnicode("\uD83D\uDC40"); // eyes
    private static final Emoji DONE = Emoji.fromUnicode("\u2705");           // white heavy check mark
    private static final Emoji FAILED = Emoji.fromUnicode("\u274C");         // cross mark

    private final DiscordSettings settings;
    private final ConnectorContext context;
    private final TextSplitter splitter = new TextSplitter(MAX_LENGTH);
    private final InteractionReplies interactions = new InteractionReplies();
    private volatile JDA jda;
    private volatile DiscordEvents events;

    DiscordConnector(DiscordSettings settings, ConnectorContext context) {
        this.settings = settings;
        this.context = context;
    }

    @Override
    public ConnectorCapabilities capabilities() {
        return new ConnectorCapabilities(MAX_LENGTH, true, true);
    }

    @Override
    public void start(Consumer<InboundMessage> inbound) throws ConnectorException {
        if (jda != null) {
            throw new IllegalStateException("Discord connector already started");
        }
        context.reportState(ConnectorState.CONNECTING, "connecting to Discord");
        events = new DiscordEvents(settings, context, inbound, interactions);
        EnumSet<GatewayIntent> intents = EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES);
        if (settings.messageContent()) {
            intents.add(GatewayIntent.MESSAGE_CONTENT);
        }
        JDABuilder builder = JDABuilder.createLight(settings.token(), intents).addEventListeners(events);
        if (settings.apiBase() != null) {
            builder.setRestConfig(new RestConfig().setBaseUrl(settings.apiBase()));
        }
        if (settings.gatewayUrl() != null) {
            builder.setSessionController(new FixedGatewayController(settings.gatewayUrl()))
                    .setCompression(Compression.NONE);
        }
        try {
            jda = builder.build();
        } catch (InvalidTokenException e) {
            String msg = "Discord rejected the bot token (401 on /users/@me): check connectors.discord.token "
                    + "(reset it on the Bot page of the Discord Developer Portal)";
            context.reportState(ConnectorState.FAILED, msg);
            throw new ConnectorException(msg, true);
        } catch (IllegalArgumentException e) {
            String msg = "Discord connector could not start: " + redact(e.getMessage());
            context.reportState(ConnectorState.FAILED, msg);
            throw new ConnectorException(msg, true);
        } catch (RuntimeException e) {
            // Login is the first REST call: a network failure here is worth retrying.
            String msg = "could not reach Discord at " + (settings.apiBase() == null ? "discord.com" : settings.apiBase())
                    + ": " + redact(String.valueOf(e.getMessage()));
            context.reportState(ConnectorState.DEGRADED, msg);
            throw new ConnectorException(msg, false);
        }
        awaitReady();
        registerSlashCommands();
    }

    private void awaitReady() throws ConnectorException {
        try {
            events.ready.get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            boolean permanent = e.getCause() instanceof DiscordEvents.GatewayClosedException g && g.permanent;
            String msg = e.getCause().getMessage();
            shutdownNow();
            context.reportState(permanent ? ConnectorState.FAILED : ConnectorState.DEGRADED, msg);
            throw new ConnectorException(msg, permanent);
        } catch (TimeoutException e) {
            shutdownNow();
            String msg = "Discord gateway did not become ready within " + READY_TIMEOUT.toSeconds() + " s";
            context.reportState(ConnectorState.DEGRADED, msg);
            throw new ConnectorException(msg, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdownNow();
            throw new ConnectorException("interrupted while connecting to Discord", false);
        }
    }

    private void registerSlashCommands() {
        Guild guild = jda.getGuildById(settings.guildId());
        if (guild == null) {
            context.reportState(ConnectorState.CONNECTED, "connected, but the bot is not a member of guild "
                    + settings.guildId() + ": invite it (see docs/connectors/discord.md)");
            return;
        }
        // Bulk overwrite is idempotent, so registering on every start keeps the commands current.
        guild.updateCommands().addCommands(SlashCommands.definition(context.commands())).queue(
                ok -> LOG.info("registered /{} in guild {}", SlashCommands.COMMAND, settings.guildId()),
                e -> LOG.warn("could not register /{} in guild {}: {} (is the applications.commands scope granted?)",
                        SlashCommands.COMMAND, settings.guildId(), e.toString()));
    }

    /** Mos's messages never ping: not @everyone, @here, roles or users named in relayed text. */
    private static final java.util.EnumSet<net.dv8tion.jda.api.entities.Message.MentionType> NO_MENTIONS =
            java.util.EnumSet.noneOf(net.dv8tion.jda.api.entities.Message.MentionType.class);

    @Override
    public void send(OutboundMessage message) throws ConnectorException {
        List<String> parts = splitter.split(message.text());
        if (parts.size() > MAX_PARTS) {
            sendFile(message.conversation(), "mos-output.txt", LongOutput.fileContent(message.text()),
                    LongOutput.caption(message.text()), message.inReplyTo());
            return;
        }
        Optional<InteractionHook> hook = interactions.claim(message.inReplyTo());
        if (hook.isPresent()) {
            complete(hook.get().editOriginal(parts.get(0)).setAllowedMentions(NO_MENTIONS), message.conversation());
            for (String part : parts.subList(1, parts.size())) {
                complete(hook.get().sendMessage(part).setAllowedMentions(NO_MENTIONS), message.conversation());
            }
            return;
        }
        MessageChannel channel = channel(message.conversation());
        String replyTo = replyableId(message.inReplyTo());
        for (int i = 0; i < parts.size(); i++) {
            // Agent output may say @everyone or <@&role>; JDA's default would ping them all.
            var action = channel.sendMessage(parts.get(i)).setAllowedMentions(NO_MENTIONS);
            if (i == 0 && replyTo != null) {
                // A deleted asking message must not make the reply fail; the asker alone is notified.
                action = action.setMessageReference(replyTo).failOnInvalidReply(false).mentionRepliedUser(true);
            }
            complete(action, message.conversation());
        }
    }

    @Override
    public void sendFile(Conversation conversation, String fileName, byte[] content, String caption, String inReplyTo)
            throws ConnectorException {
        FileUpload upload = FileUpload.fromData(content, fileName);
        String text = caption == null ? "" : caption;
        Optional<InteractionHook> hook = interactions.claim(inReplyTo);
        if (hook.isPresent()) {
            complete(hook.get().editOriginal(text).setFiles(upload).setAllowedMentions(NO_MENTIONS), conversation);
            return;
        }
        var action = channel(conversation).sendFiles(upload).setContent(text).setAllowedMentions(NO_MENTIONS);
        String replyTo = replyableId(inReplyTo);
        if (replyTo != null) {
            action = action.setMessageReference(replyTo).failOnInvalidReply(false).mentionRepliedUser(true);
        }
        complete(action, conversation);
    }

    @Override
    public void acknowledge(InboundMessage message, Ack ack) throws ConnectorException {
        if (interactions.isInteraction(message.messageId())) {
            return; // the deferred "Mos is thinking…" already shows progress; interactions take no reactions
        }
        MessageChannel channel = channel(message.conversation());
        String id = message.messageId();
        switch (ack) {
            case RECEIVED -> complete(channel.addReactionById(id, RECEIVED), message.conversation());
            case DONE, FAILED -> {
                complete(channel.addReactionById(id, ack == Ack.DONE ? DONE : FAILED), message.conversation());
                complete(channel.removeReactionById(id, RECEIVED), message.conversation());
            }
        }
    }

    @Override
    public void typing(Conversation conversation) throws ConnectorException {
        channel(conversation).sendTyping().queue(null,
                e -> LOG.debug("typing indicator failed in Discord channel {}: {}", conversation.id(), e.toString()));
    }

    private String redact(String text) {
        return text == null ? "" : text.replace(settings.token(), "***");
    }

    private String replyableId(String inReplyTo) {
        return inReplyTo == null || interactions.isInteraction(inReplyTo) ? null : inReplyTo;
    }

    private MessageChannel channel(Conversation conversation) throws ConnectorException {
        JDA j = jda;
        if (j == null) {
            throw new ConnectorException("Discord connector is not started", false);
        }
        Optional<MessageChannel> known = events.knownChannel(conversation.id());
        if (known.isPresent()) {
            return known.get();
        }
        MessageChannel channel = j.getChannelById(MessageChannel.class, conversation.id());
        if (channel == null) {
            channel = j.getPrivateChannelById(conversation.id());
        }
        if (channel == null) {
            throw new ConnectorException("unknown Discord channel " + conversation.id()
                    + " (not in guild " + settings.guildId() + " and no DM seen from it)", false);
        }
        return channel;
    }

    private static <T> T complete(RestAction<T> action, Conversation conversation) throws ConnectorException {
        try {
            return action.complete();
        } catch (InsufficientPermissionException e) {
            throw new ConnectorException("the bot lacks the Discord permission '" + e.getPermission().getName()
                    + "' in channel " + conversation.id(), true);
        } catch (ErrorResponseException e) {
            // 4xx other than rate limits will not get better by retrying the same request.
            boolean permanent = e.getErrorCode() != -1 && e.getResponse() != null && e.getResponse().code < 500;
            throw new ConnectorException("Discord refused the request in channel " + conversation.id() + ": "
                    + e.getMeaning() + " (code " + e.getErrorCode() + ")", permanent, e);
        } catch (RuntimeException e) {
            throw new ConnectorException("sending to Discord channel " + conversation.id() + " failed: " + e, e);
        }
    }

    private void shutdownNow() {
        JDA j = jda;
        jda = null;
        if (j != null) {
            j.shutdownNow();
        }
    }

    @Override
    public void close() {
        JDA j = jda;
        jda = null;
        if (j == null) {
            return;
        }
        j.shutdown();
        try {
            if (!j.awaitShutdown(Duration.ofSeconds(5))) {
                j.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            j.shutdownNow();
        }
        context.reportState(ConnectorState.STOPPED, "closed");
    }

    @Override
    public String toString() {
        return "DiscordConnector[" + settings + "]";
    }
}
