package dev.mosaic.connector.slack;

import dev.mosaic.connector.RecentIds;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.ConnectorContext;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.Sender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns what Slack sends (message and app_mention events, the {@code /mos} slash command, button
 * presses) into {@link InboundMessage}s.
 *
 * <p>Every handler only checks, records and hands the message to {@code handoff}, then returns
 * the ack: Slack retries an envelope not acked within 3 s, and the socket handles envelopes one at
 * a time, so slow work here would delay every later ack. A retried or redelivered envelope (same
 * {@code event_id}), and a message that arrives both as {@code message} and {@code app_mention},
 * is delivered once. Edits ({@code message_changed}) and other subtypes are acked and ignored.
 */
final class SlackEvents {

    private static final Logger LOG = LoggerFactory.getLogger(SlackEvents.class);
    static final String COMMAND = "/mos";
    static final Pattern ACTION_IDS = Pattern.compile(SlackBlocks.ACTION_PREFIX + "\\d+");

    /** Who the bot is, from {@code auth.test}. */
    record Identity(String userId, String botId, String name) {
    }

    private final SlackSettings settings;
    private final ConnectorContext context;
    private final Consumer<InboundMessage> inbound;
    private final Executor handoff;
    private final Identity self;
    private final Interactions interactions;
    private final RecentIds events = new RecentIds(4096);
    private final RecentIds messages = new RecentIds(4096);

    SlackEvents(SlackSettings settings, ConnectorContext context, Consumer<InboundMessage> inbound, Executor handoff,
                Identity self, Interactions interactions) {
        this.settings = settings;
        this.context = context;
        this.inbound = inbound;
        this.handoff = handoff;
        this.self = self;
        this.interactions = interactions;
    }

    void register(App app) {
        app.event(MessageEvent.class, (payload, ctx) -> {
            MessageEvent e = payload.getEvent();
            if (firstTime(payload.getEventId())) {
                message(e.getChannel(), e.getChannelType(), e.getUser(), e.getBotId(), e.getText(), e.getTs(),
                        e.getThreadTs(), e.getParentUserId());
            }
            return ctx.ack();
        });
        app.event(AppMentionEvent.class, (payload, ctx) -> {
            AppMentionEvent e = payload.getEvent();
            if (firstTime(payload.getEventId())) {
                message(e.getChannel(), "channel", e.getUser(), e.getBotId(), e.getText(), e.getTs(), e.getThreadTs(),
                        null);
            }
            return ctx.ack();
        });
        app.command(COMMAND, (req, ctx) -> {
            String refusal = slashCommand(req.getPayload());
            return refusal == null ? ctx.ack() : ctx.ack(r -> r.responseType("ephemeral").text(refusal));
        });
        app.blockAction(ACTION_IDS, (req, ctx) -> {
            press(req.getPayload());
            return ctx.ack();
        });
    }

    /** Whether an event with this id is new; an event without an id is judged by its message ts alone. */
    private boolean firstTime(String eventId) {
        return eventId == null || events.add("event:" + eventId);
    }

    private void message(String channel, String channelType, String user, String botId, String rawText, String ts,
                         String threadTs, String parentUserId) {
        if (channel == null || ts == null || user == null && botId == null) {
            return;
        }
        if (self.userId().equals(user) || self.botId() != null && self.botId().equals(botId)) {
            return; // our own message echoed back
        }
        Instant sentAt = instant(ts);
        if (sentAt.isBefore(context.startedAt())) {
            return; // history from before the service started, not a command
        }
        boolean direct = "im".equals(channelType) || channel.startsWith("D");
        if (!direct && !settings.channelIds().contains(channel)) {
            return;
        }
        if (!messages.add(channel + "/" + ts)) {
            return; // the same message as message and as app_mention
        }
        String text = rawText == null ? "" : rawText;
        Addressing addressing;
        Conversation conversation;
        if (direct) {
            addressing = Addressing.DIRECT;
            conversation = new Conversation(SlackSettings.TYPE, channel, threadTs, true);
        } else {
            // Mos answers in the thread of the asking message, so the thread is the conversation.
            String thread = threadTs != null ? threadTs : ts;
            conversation = new Conversation(SlackSettings.TYPE, channel, thread, false);
            if (self.userId().equals(SlackText.leadingMention(text))) {
                text = SlackText.withoutLeadingMention(text);
                addressing = Addressing.MENTION;
            } else if (threadTs != null && (self.userId().equals(parentUserId) || interactions.isMosThread(channel, threadTs))) {
                // Talking in a thread Mos is part of is talking to Mos, like a mention.
                addressing = Addressing.MENTION;
            } else {
                addressing = Addressing.NONE;
            }
        }
        Sender sender = new Sender(SlackSettings.TYPE, user != null ? user : botId, user != null ? user : botId, user == null
                || botId != null);
        deliver(new InboundMessage(ts, conversation, sender, SlackText.fromSlack(text).strip(), sentAt, addressing));
    }

    /** Returns what to show the person (ephemeral: a refusal, the menu), or null when the command was taken. */
    private String slashCommand(SlashCommandPayload p) {
        String channel = p.getChannelId();
        boolean direct = channel != null && channel.startsWith("D");
        if (!direct && !settings.channelIds().contains(channel)) {
            return "Mos listens in " + settings.channelIds().stream().map(c -> "<#" + c + ">")
                    .collect(Collectors.joining(", ")) + " and in direct messages.";
        }
        String text = p.getText() == null ? "" : SlackText.fromSlack(p.getText()).strip();
        if (text.isEmpty()) {
            Optional<String> menu = SlackCommands.menu(context.commands());
            if (menu.isPresent()) {
                return menu.get(); // a bare /mos: the command menu, shown only to the person who asked
            }
        }
        String id = "slash:" + p.getTriggerId();
        if (!events.add(id)) {
            return null;
        }
        interactions.responseUrl(id, p.getResponseUrl());
        deliver(new InboundMessage(id, new Conversation(SlackSettings.TYPE, channel, null, direct),
                new Sender(SlackSettings.TYPE, p.getUserId(), p.getUserName(), false),
                text.isEmpty() ? "help" : text, context.clock().instant(), Addressing.SLASH_COMMAND));
        return null;
    }

    private void press(BlockActionPayload p) {
        if (p.getActions() == null || p.getActions().isEmpty() || p.getUser() == null || p.getChannel() == null
                || p.getContainer() == null) {
            return;
        }
        BlockActionPayload.Action action = p.getActions().get(0);
        String channel = p.getChannel().getId();
        boolean direct = channel.startsWith("D");
        if (!direct && !settings.channelIds().contains(channel)) {
            return;
        }
        String id = "action:" + (action.getActionTs() != null ? action.getActionTs() : p.getTriggerId());
        if (action.getValue() == null || !events.add(id)) {
            return;
        }
        String messageTs = p.getContainer().getMessageTs();
        String thread = p.getContainer().getThreadTs();
        if (thread == null && p.getMessage() != null) {
            thread = p.getMessage().getThreadTs();
        }
        String label = action.getText() != null ? action.getText().getText() : action.getValue();
        String shown = p.getMessage() != null && p.getMessage().getText() != null ? p.getMessage().getText() : "";
        interactions.pressed(id, new Interactions.Press(channel, messageTs, shown, label, p.getUser().getId()));
        deliver(new InboundMessage(id, new Conversation(SlackSettings.TYPE, channel, thread, direct),
                new Sender(SlackSettings.TYPE, p.getUser().getId(), p.getUser().getUsername(), false),
                action.getValue(), context.clock().instant(), Addressing.ACTION));
    }

    private void deliver(InboundMessage message) {
        handoff.execute(() -> {
            try {
                inbound.accept(message);
            } catch (RuntimeException e) {
                // One failing handler must not stop delivery for everyone else.
                LOG.warn("inbound handler failed for Slack message {}", message.messageId(), e);
            }
        });
    }

    /** Slack's {@code ts} ("1712345678.000100", seconds with microseconds) as an instant. */
    static Instant instant(String ts) {
        try {
            BigDecimal seconds = new BigDecimal(ts);
            long s = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(s)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(s, nanos);
        } catch (NumberFormatException e) {
            return Instant.EPOCH;
        }
    }
}
