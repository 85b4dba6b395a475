package dev.mosaic.connector.slack;

import dev.mosaic.connector.LongOutput;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A Slack app, driven by Bolt for Java: events over Socket Mode (or HTTP with signature checks),
 * replies in the thread of the asking message, {@code /mos} answered through its
 * {@code response_url}, {@link dev.mosaic.connector.Action}s as Block Kit buttons, long output as a
 * file.
 */
final class SlackConnector implements Connector, FileSender, Acknowledger {

    private static final Logger LOG = LoggerFactory.getLogger(SlackConnector.class);
    /** Slack's section-block limit; longer texts are split (see {@link SlackText#split}). */
    static final int MAX_LENGTH = SlackBlocks.SECTION_MAX;
    /** More parts than this is a flood: the text goes as a file instead. */
    static final int MAX_PARTS = 5;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** How long the socket may stay down before the connector reconnects it itself (see {@link SocketModeLink}). */
    static final Duration WATCHDOG = Duration.ofSeconds(30);

    private final SlackSettings settings;
    private final ConnectorContext context;
    private final SlackWeb.Sleeper sleeper;
    private final Interactions interactions = new Interactions();
    private volatile Slack slack;
    private volatile SlackWeb web;
    private volatile App app;
    private volatile SocketModeLink socket;
    private volatile HttpEventsLink http;
    private volatile ExecutorService handoff;
    private volatile int httpPort = -1;
    private final Duration watchdog;

    SlackConnector(SlackSettings settings, ConnectorContext context) {
        this(settings, context, d -> Thread.sleep(d.toMillis()), WATCHDOG);
    }

    SlackConnector(SlackSettings settings, ConnectorContext context, SlackWeb.Sleeper sleeper, Duration watchdog) {
        this.settings = settings;
        this.context = context;
        this.sleeper = sleeper;
        this.watchdog = watchdog;
    }

    @Override
    public ConnectorCapabilities capabilities() {
        return new ConnectorCapabilities(MAX_LENGTH, true, true);
    }

    @Override
    public void start(Consumer<InboundMessage> inbound) throws ConnectorException {
        if (slack != null) {
            throw new IllegalStateException("Slack connector already started");
        }
        context.reportState(ConnectorState.CONNECTING, "connecting to Slack");
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiBase());
        // Call statistics resolve each token's team with extra auth.test calls and keep threads: off.
        config.setStatsEnabled(false);
        config.getMethodsConfig().setStatsEnabled(false);
        if (settings.apiOnLoopback()) {
            config.setProxyUrl(null); // an HTTPS_PROXY in the environment must not catch loopback calls
        }
        slack = Slack.getInstance(config);
        web = new SlackWeb(slack, settings.botToken(), sleeper, this::parked);
        try {
            AuthTestResponse auth = web.call("auth.test", m -> m.authTest(r -> r));
            SlackEvents.Identity self = new SlackEvents.Identity(auth.getUserId(), auth.getBotId(), auth.getUser());
            handoff = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "slack-inbound");
                t.setDaemon(true);
                return t;
            });
            app = new App(AppConfig.builder()
                    .slack(slack)
                    .singleTeamBotToken(settings.botToken())
                    .signingSecret(settings.signingSecret())
                    .allEventsApiAutoAckEnabled(true)
                    .subtypedMessageEventsAutoAckEnabled(true)
                    .build());
            new SlackEvents(settings, context, inbound, handoff, self, interactions).register(app);
            app.start();
            if (settings.mode() == SlackSettings.Mode.SOCKET) {
                SlackWeb appWeb = new SlackWeb(slack, settings.appToken(), sleeper, msg -> { });
                socket = new SocketModeLink(slack, app, settings.appToken(), appWeb, context, watchdog);
                try {
                    socket.connect(CONNECT_TIMEOUT);
                } catch (ConnectorException e) {
                    throw appTokenProblem(e);
                }
                context.reportState(ConnectorState.CONNECTED, "connected as @" + self.name() + " (Socket Mode)");
            } else {
                http = new HttpEventsLink(app);
                httpPort = http.start(settings.port());
                context.reportState(ConnectorState.CONNECTED, "connected as @" + self.name()
                        + " (HTTP mode: Slack posts to port " + httpPort + HttpEventsLink.PATH + ")");
            }
        } catch (ConnectorException e) {
            shutdown();
            context.reportState(e.permanent() ? ConnectorState.FAILED : ConnectorState.DEGRADED, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            shutdown();
            String msg = "Slack connector could not start: " + redact(String.valueOf(e.getMessage()));
            context.reportState(ConnectorState.DEGRADED, msg);
            throw new ConnectorException(msg, false, e);
        }
    }

    /** apps.connections.open speaks of "the token": say which one. */
    static ConnectorException appTokenProblem(ConnectorException e) {
        if (e.permanent() && e.getMessage().startsWith("Slack rejected the bot token")) {
            String error = e.getMessage().substring(e.getMessage().indexOf('(') + 1, e.getMessage().indexOf(" on "));
            return new ConnectorException("Slack rejected the app-level token (" + error + " on apps.connections.open):"
                    + " check connectors.slack.appToken (Basic Information > App-Level Tokens, scope connections:write;"
                    + " Socket Mode must be on)", true);
        }
        return e;
    }

    /** The bot token stopped working while running: park the connector with one clear line. */
    private void parked(String message) {
        if (app != null) {
            context.reportState(ConnectorState.FAILED, message);
        }
    }

    /** The port HTTP mode listens on, or -1. */
    int httpPort() {
        return httpPort;
    }

    @Override
    public void send(OutboundMessage message) throws ConnectorException {
        SlackWeb w = requireStarted();
        List<String> parts = SlackText.split(message.text(), MAX_LENGTH);
        if (parts.size() > MAX_PARTS) {
            sendFile(message.conversation(), "mos-output.txt", LongOutput.fileContent(message.text()),
                    LongOutput.caption(message.text()), message.inReplyTo());
            return;
        }
        Conversation to = message.conversation();
        Optional<String> responseUrl = interactions.responseUrlFor(message.inReplyTo());
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            List<LayoutBlock> blocks = i == parts.size() - 1 && !message.actions().isEmpty()
                    ? SlackBlocks.withButtons(part, message.actions()) : null;
            if (responseUrl.isPresent()) {
                // A slash command: its response_url works even where the bot is not a member.
                if (w.respond(responseUrl.get(), responseJson(part, blocks))) {
                    continue;
                }
                interactions.forgetResponseUrl(message.inReplyTo());
                responseUrl = Optional.empty();
            }
            ChatPostMessageResponse r = w.call("chat.postMessage", m -> m.chatPostMessage(q -> q
                    .channel(to.id()).threadTs(to.thread()).text(part).blocks(blocks).mrkdwn(true)
                    .unfurlLinks(false).unfurlMedia(false)));
            interactions.mosPostedIn(to.id(), to.thread() != null ? to.thread() : r.getTs());
        }
    }

    private static String responseJson(String mrkdwn, List<LayoutBlock> blocks) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("response_type", "in_channel");
        body.put("text", mrkdwn);
        if (blocks != null) {
            body.put("blocks", blocks);
        }
        return GsonFactory.createSnakeCase().toJson(body);
    }

    @Override
    public void sendFile(Conversation conversation, String fileName, byte[] content, String caption, String inReplyTo)
            throws ConnectorException {
        requireStarted().upload(conversation.id(), conversation.thread(), fileName, content,
                caption == null ? null : SlackText.toMrkdwn(caption));
    }

    /**
     * A button press that Mos carried out ({@code DONE}) updates the pressed message: the buttons
     * go and a line says who chose what. A refused press (someone else's confirmation, a role too
     * low) leaves the buttons for the right person.
     */
    @Override
    public void acknowledge(InboundMessage message, Ack ack) throws ConnectorException {
        if (ack != Ack.DONE) {
            return;
        }
        Optional<Interactions.Press> press = interactions.claimPress(message.messageId());
        if (press.isEmpty() || press.get().messageTs() == null) {
            return;
        }
        Interactions.Press p = press.get();
        requireStarted().call("chat.update", m -> m.chatUpdate(r -> r.channel(p.channel()).ts(p.messageTs())
                .text(p.text()).blocks(SlackBlocks.decided(p.text(), p.userId(), p.label()))));
    }

    private SlackWeb requireStarted() throws ConnectorException {
        SlackWeb w = web;
        if (w == null || app == null) {
            throw new ConnectorException("Slack connector is not started", false);
        }
        return w;
    }

    private String redact(String text) {
        String t = text.replace(settings.botToken(), "***");
        if (settings.appToken() != null) {
            t = t.replace(settings.appToken(), "***");
        }
        return settings.signingSecret() == null ? t : t.replace(settings.signingSecret(), "***");
    }

    private void shutdown() {
        SocketModeLink s = socket;
        socket = null;
        if (s != null) {
            s.close();
        }
        HttpEventsLink h = http;
        http = null;
        if (h != null) {
            h.close();
        }
        App a = app;
        app = null;
        if (a != null) {
            try {
                a.stop();
            } catch (RuntimeException e) {
                LOG.debug("stopping the Bolt app: {}", e.toString());
            }
        }
        ExecutorService x = handoff;
        handoff = null;
        if (x != null) {
            x.shutdownNow();
        }
        Slack sl = slack;
        slack = null;
        web = null;
        if (sl != null) {
            try {
                sl.close();
            } catch (Exception e) {
                LOG.debug("closing the Slack client: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        boolean wasStarted = slack != null;
        shutdown();
        if (wasStarted) {
            context.reportState(ConnectorState.STOPPED, "closed");
        }
    }

    @Override
    public String toString() {
        return "SlackConnector[" + settings + "]";
    }
}
