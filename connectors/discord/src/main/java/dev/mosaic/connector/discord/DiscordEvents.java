package dev.mosaic.connector.discord;

import dev.mosaic.connector.RecentIds;
import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.Sender;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.SessionDisconnectEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.CloseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns JDA events into {@link InboundMessage}s and connection events into reported states.
 * JDA calls it on its single event thread, so messages of one channel arrive in order.
 */
final class DiscordEvents extends ListenerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(DiscordEvents.class);
    private static final Pattern LEADING_MENTION = Pattern.compile("^\\s*<@!?(\\d+)>[\\s,:]*");

    private final DiscordSettings settings;
    private final ConnectorContext context;
    private final Consumer<InboundMessage> inbound;
    private final InteractionReplies interactions;
    private final RecentIds delivered = new RecentIds(4096);
    /** Channels we heard from, so replies (notably to DMs) find their channel object. */
    private final Map<String, MessageChannel> channels = new ConcurrentHashMap<>();
    /** Completes at the first READY, or fails when JDA shuts down before it. */
    final CompletableFuture<Void> ready = new CompletableFuture<>();

    DiscordEvents(DiscordSettings settings, ConnectorContext context, Consumer<InboundMessage> inbound,
                  InteractionReplies interactions) {
        this.settings = settings;
        this.context = context;
        this.inbound = inbound;
        this.interactions = interactions;
    }

    Optional<MessageChannel> knownChannel(String id) {
        return Optional.ofNullable(channels.get(id));
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        Message message = event.getMessage();
        User author = event.getAuthor();
        if (author.getIdLong() == event.getJDA().getSelfUser().getIdLong() || message.getType().isSystem()) {
            return;
        }
        if (message.getTimeCreated().toInstant().isBefore(context.startedAt())) {
            return; // history from before the service started, not a command
        }
        String text = message.getContentRaw();
        Conversation conversation;
        Addressing addressing;
        if (event.isFromType(ChannelType.PRIVATE)) {
            conversation = new Conversation(DiscordSettings.TYPE, event.getChannel().getId(), null, true);
            addressing = Addressing.DIRECT;
        } else if (event.isFromGuild() && watched(event)) {
            conversation = Conversation.of(DiscordSettings.TYPE, event.getChannel().getId());
            Matcher m = LEADING_MENTION.matcher(text);
            if (m.find() && m.group(1).equals(event.getJDA().getSelfUser().getId())) {
                text = text.substring(m.end());
                addressing = Addressing.MENTION;
            } else if (repliesToSelf(message)) {
                // Replying to one of Mos's messages is talking to Mos, like a mention.
                addressing = Addressing.MENTION;
            } else {
                addressing = Addressing.NONE;
            }
        } else {
            return;
        }
        if (!delivered.add(message.getId())) {
            return; // replayed after a RESUME
        }
        channels.put(event.getChannel().getId(), event.getChannel());
        Member member = event.getMember();
        String name = member != null ? member.getEffectiveName() : author.getEffectiveName();
        Sender sender = new Sender(DiscordSettings.TYPE, author.getId(), name, author.isBot());
        deliver(new InboundMessage(message.getId(), conversation, sender, text,
                message.getTimeCreated().toInstant(), addressing));
    }

    private static boolean repliesToSelf(Message message) {
        Message replied = message.getReferencedMessage();
        return replied != null && replied.getAuthor().getIdLong() == message.getJDA().getSelfUser().getIdLong();
    }

    private boolean watched(MessageReceivedEvent event) {
        if (!event.getGuild().getId().equals(settings.guildId())) {
            return false;
        }
        String id = event.getChannel().getId();
        if (settings.channelIds().contains(id)) {
            return true;
        }
        return event.getChannel() instanceof ThreadChannel thread
                && settings.channelIds().contains(thread.getParentChannel().getId());
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        Optional<String> line = SlashCommands.verbLine(event, context.commands());
        if (line.isEmpty() || !delivered.add(event.getId())) {
            return;
        }
        boolean direct = !event.isFromGuild();
        if (!direct && (!event.getGuild().getId().equals(settings.guildId())
                || !settings.channelIds().contains(event.getChannel().getId()))) {
            event.reply("Mos listens in " + settings.channelIds().stream().map(c -> "<#" + c + ">")
                    .reduce((a, b) -> a + ", " + b).orElse("its channels") + ".").setEphemeral(true).queue();
            return;
        }
        // Defer at once: Discord drops an interaction not answered within 3 s. JDA holds
        // hook requests until the deferral is acknowledged, so the reply cannot overtake it.
        event.deferReply().queue(null, e -> LOG.warn("could not defer Discord interaction {}: {}", event.getId(), e.toString()));
        interactions.register(event.getId(), event.getHook());
        channels.put(event.getChannel().getId(), event.getChannel());
        User user = event.getUser();
        Member member = event.getMember();
        Sender sender = new Sender(DiscordSettings.TYPE, user.getId(),
                member != null ? member.getEffectiveName() : user.getEffectiveName(), user.isBot());
        deliver(new InboundMessage(event.getId(),
                new Conversation(DiscordSettings.TYPE, event.getChannel().getId(), null, direct),
                sender, line.get(), event.getTimeCreated().toInstant(), Addressing.SLASH_COMMAND));
    }

    private void deliver(InboundMessage message) {
        try {
            inbound.accept(message);
        } catch (RuntimeException e) {
            // One failing handler must not stop JDA's event thread for everyone else.
            LOG.warn("inbound handler failed for Discord message {}", message.messageId(), e);
        }
    }

    @Override
    public void onReady(ReadyEvent event) {
        context.reportState(ConnectorState.CONNECTED, "connected as " + event.getJDA().getSelfUser().getName());
        ready.complete(null);
    }

    @Override
    public void onSessionDisconnect(SessionDisconnectEvent event) {
        context.reportState(ConnectorState.DEGRADED, "gateway connection lost (close code "
                + Optional.ofNullable(event.getCloseCode()).map(c -> c.getCode() + " " + c.getMeaning()).orElse("none")
                + "), reconnecting");
    }

    @Override
    public void onSessionResume(SessionResumeEvent event) {
        context.reportState(ConnectorState.CONNECTED, "gateway session resumed");
    }

    @Override
    public void onSessionRecreate(SessionRecreateEvent event) {
        context.reportState(ConnectorState.CONNECTED, "gateway session re-established");
    }

    @Override
    public void onShutdown(ShutdownEvent event) {
        CloseCode code = event.getCloseCode();
        String reason = describe(code, event.getCode());
        if (!ready.isDone()) {
            ready.completeExceptionally(new GatewayClosedException(code, reason));
        } else if (code != null && !code.isReconnect()) {
            context.reportState(ConnectorState.FAILED, reason);
        }
    }

    static String describe(CloseCode code, int raw) {
        if (code == CloseCode.DISALLOWED_INTENTS) {
            return "Discord refused the Message Content intent (close 4014): enable 'Message Content Intent' on the "
                    + "Bot page of the Developer Portal, or set connectors.discord.messageContent: false";
        }
        if (code == CloseCode.AUTHENTICATION_FAILED) {
            return "Discord rejected the bot token (gateway close 4004): reset it on the Bot page of the Developer Portal";
        }
        return "Discord gateway closed (code " + raw + (code == null ? "" : " " + code.getMeaning()) + ")";
    }

    /** JDA shut down before READY; carries whether retrying can help. */
    static final class GatewayClosedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean permanent;

        GatewayClosedException(CloseCode code, String message) {
            super(message);
            this.permanent = code != null && !code.isReconnect();
        }
    }
}
