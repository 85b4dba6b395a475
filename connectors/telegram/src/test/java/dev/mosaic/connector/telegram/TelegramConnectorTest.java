package dev.mosaic.connector.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.connector.Acknowledger.Ack;
import dev.mosaic.connector.Action;
import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.CommandSpec;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.telegram.fake.BotHtml;
import dev.mosaic.connector.telegram.fake.FakeTelegram;
import dev.mosaic.connector.telegram.fake.Posted;
import dev.mosaic.connector.testkit.TestConnectorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What a person in a Telegram chat notices, against the real telegrambots client and the fake Bot API. */
class TelegramConnectorTest {

    static final String TOKEN = "123456789:AAconnector-test_token";
    static final String GROUP = "-1001234567890";
    static final String OTHER_GROUP = "-1009999999999";
    static final long OPS = 424242L;
    static final long STRANGER = 777777L;

    /** A command list as the service offers it (from its verb table). */
    static final List<CommandSpec> COMMANDS = List.of(
            new CommandSpec("help", "List the commands", List.of(CommandSpec.Param.optional("verb", "a command"))),
            new CommandSpec("ps", "Show every agent", List.of()),
            new CommandSpec("status", "Show one agent", List.of(CommandSpec.Param.required("agent", "agent name"))),
            new CommandSpec("confirm", "Carry out the command", List.of(CommandSpec.Param.required("code", "the code"))),
            new CommandSpec("ask", "Say something to the orchestrator agent",
                    List.of(CommandSpec.Param.required("text", "your message")), true));

    @TempDir
    Path dir;
    FakeTelegram fake;
    TestConnectorContext context;
    TelegramConnector connector;
    final List<InboundMessage> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeTelegram(TOKEN);
        context = TestConnectorContext.in(dir).withCommands(COMMANDS);
    }

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.close();
        }
        fake.close();
    }

    private TelegramConnector connect(String token) throws ConnectorException {
        connector = (TelegramConnector) new TelegramConnectorProvider().create(new ConnectorConfig("telegram",
                Map.of("token", token, "chats", List.of(GROUP), "apiBase", fake.apiBase())), context);
        connector.start(received::add);
        return connector;
    }

    private InboundMessage awaitReceived(String text) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(received).extracting(InboundMessage::text).contains(text));
        return received.stream().filter(m -> m.text().equals(text)).findFirst().orElseThrow();
    }

    @Test
    void commandsMentionsRepliesAndDirectMessagesReachMosWithTheSendersNumericId() throws Exception {
        connect(TOKEN);
        assertThat(context.lastState()).isEqualTo(ConnectorState.CONNECTED);
        assertThat(context.reports()).last().satisfies(r -> assertThat(r.detail()).contains("@" + FakeTelegram.BOT_USERNAME));
        JsonNode menu = fake.registeredCommands();
        assertThat(menu).isNotNull();
        List<String> commands = new ArrayList<>();
        menu.forEach(c -> commands.add(c.path("command").asText()));
        assertThat(commands).contains("mos", "ps", "status", "confirm", "help");

        fake.userSays(GROUP, OPS, "ops", "/mos status coder-1");
        fake.userSays(GROUP, OPS, "ops", "/ps@" + FakeTelegram.BOT_USERNAME);
        fake.userSays(GROUP, OPS, "ops", "/ps@SomeOtherBot");
        fake.userSays(GROUP, OPS, "ops", "@" + FakeTelegram.BOT_USERNAME + " how is the build?");
        fake.userSays(String.valueOf(OPS), OPS, "ops", "tail coder-1");
        fake.userSays(OTHER_GROUP, OPS, "ops", "/mos ps from an unlisted group");
        fake.userSays(GROUP, OPS, "ops", "just chatting");
        fake.userSays(String.valueOf(OPS), OPS, "ops", "/start");

        InboundMessage slash = awaitReceived("status coder-1");
        assertThat(slash.addressing()).isEqualTo(Addressing.SLASH_COMMAND);
        assertThat(slash.sender().id()).isEqualTo(String.valueOf(OPS));
        assertThat(slash.sender().displayName()).isEqualTo("ops");
        assertThat(slash.conversation().id()).isEqualTo(GROUP);
        assertThat(awaitReceived("ps").addressing()).isEqualTo(Addressing.SLASH_COMMAND);
        assertThat(awaitReceived("how is the build?").addressing()).isEqualTo(Addressing.MENTION);
        InboundMessage dm = awaitReceived("tail coder-1");
        assertThat(dm.addressing()).isEqualTo(Addressing.DIRECT);
        assertThat(dm.conversation().direct()).isTrue();
        assertThat(awaitReceived("help").addressing()).as("a bare /start is a greeting").isEqualTo(Addressing.SLASH_COMMAND);
        assertThat(awaitReceived("just chatting").addressing()).isEqualTo(Addressing.NONE);
        assertThat(received).extracting(InboundMessage::text)
                .doesNotContain("ps from an unlisted group").noneMatch(t -> t.contains("SomeOtherBot"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !fake.messagesIn(OTHER_GROUP).isEmpty());
        assertThat(fake.messagesIn(OTHER_GROUP)).singleElement().satisfies(p -> assertThat(p.text())
                .contains("Mos does not listen in this chat").contains(OTHER_GROUP).contains("connectors.telegram.chats"));

        // replying to one of Mos's messages is talking to Mos
        connector.send(OutboundMessage.replyTo(slash, "coder-1 is running"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !fake.messagesIn(GROUP).isEmpty());
        Posted answer = fake.messagesIn(GROUP).get(0);
        assertThat(answer.replyTo()).as("chained to the asking message").isEqualTo(Integer.valueOf(slash.messageId().split("/")[1]));
        fake.userSays(GROUP, OPS, "ops", "and coder-2?", answer.messageId());
        assertThat(awaitReceived("and coder-2?").addressing()).isEqualTo(Addressing.MENTION);
    }

    @Test
    void theCommandMenuIsMosCommandListSoAChangedListChangesMenuAndCommands() throws Exception {
        context = TestConnectorContext.in(dir).withCommands(List.of(
                new CommandSpec("ps", "Show every agent", List.of()),
                new CommandSpec("approve", "Approve the tool call an agent waits on", List.of(
                        CommandSpec.Param.required("agent", "agent name"), CommandSpec.Param.optional("prompt", "id"))),
                new CommandSpec("add", "Add an agent", List.of(CommandSpec.Param.required("name", "name"),
                        CommandSpec.Param.keyValue("runtime", "runtime"))),
                new CommandSpec("Not-Allowed", "a name Telegram refuses", List.of())));
        connect(TOKEN);

        await().atMost(Duration.ofSeconds(10)).until(() -> fake.registeredCommands() != null);
        List<String> menu = new ArrayList<>();
        fake.registeredCommands().forEach(c -> menu.add(c.path("command").asText() + " — " + c.path("description").asText()));
        assertThat(menu).containsExactly(
                "mos — Any Mos command: /mos <command> [args], e.g. /mos help",
                "ps — Show every agent",
                "approve — Approve the tool call an agent waits on: /approve <agent> [prompt]",
                "add — Add an agent: /add <name> [runtime=…]");

        fake.userSays(GROUP, OPS, "ops", "/status coder-1");
        fake.userSays(GROUP, OPS, "ops", "/approve coder-1");
        assertThat(awaitReceived("approve coder-1").addressing()).isEqualTo(Addressing.SLASH_COMMAND);
        assertThat(received).extracting(InboundMessage::text).as("status is not on this list").containsExactly("approve coder-1");
    }

    @Test
    void anEditedMessageIsNeverDeliveredAgain() throws Exception {
        connect(TOKEN);
        int id = fake.userSays(GROUP, OPS, "ops", "/mos send coder-1 hello");
        awaitReceived("send coder-1 hello");
        fake.userEdits(GROUP, id, "/mos remove coder-1");
        fake.userSays(GROUP, OPS, "ops", "/mos ps");
        awaitReceived("ps");
        assertThat(received).extracting(InboundMessage::text).containsExactly("send coder-1 hello", "ps");
    }

    @Test
    void actionsBecomeButtonsAndAPressIsThePressersCommandAndTheMessageShowsWhoDecided() throws Exception {
        connect(TOKEN);
        fake.userSays(GROUP, OPS, "ops", "/mos remove coder-1");
        InboundMessage ask = awaitReceived("remove coder-1");
        connector.send(OutboundMessage.replyTo(ask, "This removes `coder-1` from the roster. Reply `confirm 4821` (or `cancel`).")
                .withActions(List.of(new Action("Confirm", "confirm 4821", Action.Style.DANGER), Action.of("Cancel", "cancel"))));
        await().atMost(Duration.ofSeconds(10)).until(() -> !fake.messagesIn(GROUP).isEmpty());
        Posted prompt = fake.messagesIn(GROUP).get(0);
        assertThat(prompt.buttons()).containsExactly(new Posted.Button("Confirm", "confirm 4821"),
                new Posted.Button("Cancel", "cancel"));
        assertThat(prompt.text()).contains("confirm 4821").doesNotContain("`");

        String stranger = fake.press(GROUP, prompt.messageId(), STRANGER, "mallory", "Confirm");
        InboundMessage strangerPress = await().atMost(Duration.ofSeconds(10)).until(() -> received.stream()
                .filter(m -> m.sender().id().equals(String.valueOf(STRANGER))).findFirst().orElse(null), m -> m != null);
        assertThat(strangerPress.addressing()).isEqualTo(Addressing.ACTION);
        assertThat(strangerPress.text()).isEqualTo("confirm 4821");
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.callbackAnswers().containsKey(stranger));
        // the service refuses the stranger: no DONE ack, so the buttons stay
        connector.acknowledge(strangerPress, Ack.FAILED);

        String mine = fake.press(GROUP, prompt.messageId(), OPS, "ops", "Confirm");
        InboundMessage press = await().atMost(Duration.ofSeconds(10)).until(() -> received.stream()
                .filter(m -> m.messageId().equals("cb:" + mine)).findFirst().orElse(null), m -> m != null);
        assertThat(press.sender().id()).isEqualTo(String.valueOf(OPS));
        assertThat(press.conversation().id()).isEqualTo(GROUP);
        connector.acknowledge(press, Ack.DONE);
        connector.send(OutboundMessage.replyTo(press, "Removed coder-1."));

        await().atMost(Duration.ofSeconds(10)).until(() -> fake.posted(GROUP).stream().anyMatch(p -> p.kind().equals("edit")));
        List<Posted> edits = fake.posted(GROUP).stream().filter(p -> p.kind().equals("edit")).toList();
        assertThat(edits).singleElement().satisfies(e -> {
            assertThat(e.messageId()).isEqualTo(prompt.messageId());
            assertThat(e.text()).startsWith(prompt.text()).endsWith("— Confirm by @ops");
            assertThat(e.buttons()).as("the keyboard is gone once decided").isEmpty();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.messagesIn(GROUP).size() == 2);
        assertThat(fake.messagesIn(GROUP).get(1).replyTo()).as("the outcome quotes the pressed message")
                .isEqualTo(prompt.messageId());
    }

    @Test
    void agentOutputIsEscapedSoEveryCharacterArrivesAndMarkdownBecomesEntities() throws Exception {
        connect(TOKEN);
        fake.userSays(GROUP, OPS, "ops", "/mos tail web");
        InboundMessage ask = awaitReceived("tail web");
        String pane = "<script>alert('x')</script> & <b>not bold</b> a->b &amp; 1 < 2 > 0";
        connector.send(OutboundMessage.replyTo(ask, "**web** pane, `tail`:\n```\n" + pane + "\n```"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !fake.messagesIn(GROUP).isEmpty());
        Posted p = fake.messagesIn(GROUP).get(0);
        assertThat(p.html()).as("sent in HTML parse mode").isNotNull();
        assertThat(p.text()).isEqualTo("web pane, tail:\n" + pane);
        assertThat(p.entities()).extracting(BotHtml.Entity::type).containsExactly("bold", "code", "pre");
        BotHtml.Entity pre = p.entities().get(2);
        assertThat(p.text().substring(pre.offset(), pre.offset() + pre.length())).isEqualTo(pane);
    }

    @Test
    void aTenThousandCharacterAnswerArrivesInValidPiecesAndAFloodAsADocument() throws Exception {
        connect(TOKEN);
        fake.userSays(GROUP, OPS, "ops", "/mos tail build");
        InboundMessage ask = awaitReceived("tail build");
        List<String> lines = new ArrayList<>();
        for (int i = 1; lines.stream().mapToInt(l -> l.length() + 1).sum() < 10_000; i++) {
            lines.add("step %03d <ok> & done, output=\"x\" ".formatted(i) + "-".repeat(30));
        }
        String table = "```\n" + String.join("\n", lines) + "\n```";
        connector.send(OutboundMessage.replyTo(ask, table));

        await().atMost(Duration.ofSeconds(20)).until(() -> fake.messagesIn(GROUP).stream()
                .anyMatch(p -> p.text().contains(lines.get(lines.size() - 1))));
        List<Posted> parts = fake.messagesIn(GROUP);
        assertThat(parts).hasSizeBetween(3, 4).allSatisfy(p -> {
            assertThat(p.text().length()).isLessThanOrEqualTo(4096);
            assertThat(p.entities()).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo("pre");
                assertThat(e.offset()).isZero();
                assertThat(e.length()).isEqualTo(p.text().length());
            });
        });
        assertThat(parts.get(0).replyTo()).isNotNull();
        List<String> got = parts.stream().flatMap(p -> p.text().lines()).toList();
        assertThat(got).containsExactlyElementsOf(lines);

        String flood = "```\n" + "line of a very long log output that goes on and on\n".repeat(600) + "```";
        connector.send(OutboundMessage.replyTo(ask, flood));
        await().atMost(Duration.ofSeconds(20)).until(() -> fake.messagesIn(GROUP).stream()
                .anyMatch(p -> p.kind().equals("document")));
        Posted doc = fake.messagesIn(GROUP).stream().filter(p -> p.kind().equals("document")).findFirst().orElseThrow();
        assertThat(doc.fileName()).isEqualTo("mos-output.txt");
        assertThat(new String(doc.file(), StandardCharsets.UTF_8)).startsWith("line of a very long log")
                .doesNotContain("```").hasLineCount(600);
        assertThat(doc.text()).contains("600 lines");
    }

    @Test
    void floodControlIsWaitedOutAsTelegramAsks() throws Exception {
        connect(TOKEN);
        fake.userSays(GROUP, OPS, "ops", "/mos ps");
        InboundMessage ask = awaitReceived("ps");
        fake.rateLimit("sendMessage", 1, 2);

        connector.send(OutboundMessage.replyTo(ask, "fleet is fine"));

        assertThat(fake.messagesIn(GROUP)).extracting(Posted::text).containsExactly("fleet is fine");
        assertThat(fake.limitedAt()).hasSize(1);
        long waited = fake.acceptedAt().get(fake.acceptedAt().size() - 1) - fake.limitedAt().get(0);
        assertThat(waited).as("retry_after 2 s honoured").isGreaterThanOrEqualTo(1900);
    }

    @Test
    void whenTelegramCannotParseTheHtmlTheReplyFallsBackToPlainText() throws Exception {
        connect(TOKEN);
        fake.userSays(GROUP, OPS, "ops", "/mos ps");
        InboundMessage ask = awaitReceived("ps");
        fake.rejectNextHtml();

        connector.send(OutboundMessage.replyTo(ask, "all **good**"));

        assertThat(fake.messagesIn(GROUP)).singleElement().satisfies(p -> {
            assertThat(p.text()).isEqualTo("all **good**");
            assertThat(p.html()).isNull();
        });
    }

    @Test
    void aRejectedTokenIsPermanentWithOneClearStateAndNoPolling() {
        assertThatThrownBy(() -> connect("123456789:AAwrong-token_value"))
                .isInstanceOf(ConnectorException.class)
                .satisfies(e -> assertThat(((ConnectorException) e).permanent()).isTrue())
                .hasMessageContaining("Telegram rejected the bot token (401")
                .hasMessageNotContaining("wrong-token");
        assertThat(context.lastState()).isEqualTo(ConnectorState.FAILED);
        assertThat(fake.requests("getMe")).isEqualTo(1);
        assertThat(fake.requests("getUpdates")).isZero();
    }

    @Test
    void aTokenRevokedWhileRunningParksTheConnectorAndStopsPolling() throws Exception {
        connect(TOKEN);
        fake.revokeToken("123456789:AAthe-new-token");
        fake.dropConnection();

        await().atMost(Duration.ofSeconds(10)).until(() -> context.lastState() == ConnectorState.FAILED);
        assertThat(context.reports()).last().satisfies(r -> assertThat(r.detail())
                .contains("Telegram rejected the bot token (401 Unauthorized on getUpdates)"));
        int polls = fake.requests("getUpdates");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> fake.requests("getUpdates") == polls);
    }

    @Test
    void aSecondPollerIsReportedClearlyAndPollingRecoversWhenItStops() throws Exception {
        connect(TOKEN);
        fake.conflict(true);
        fake.dropConnection(); // end the poll that is already waiting
        await().atMost(Duration.ofSeconds(10)).until(() -> context.lastState() == ConnectorState.DEGRADED);
        assertThat(context.reports()).last().satisfies(r -> assertThat(r.detail())
                .contains("another program is polling this bot token (409 Conflict"));
        int polls = fake.requests("getUpdates");
        await().atMost(Duration.ofSeconds(20)).until(() -> fake.requests("getUpdates") >= polls + 4);
        long conflicts = context.reports().stream().filter(r -> r.detail().contains("409")).count();
        // A retry that hits a different error (a dropped connection) may start a second episode,
        // but the same answer polled again and again is never reported again.
        assertThat(conflicts).as("not one report per retry: %s", context.reports()).isLessThanOrEqualTo(2);

        // The other poller stops; the next poll that comes back (with a message) shows it.
        fake.conflict(false);
        fake.userSays(GROUP, OPS, "ops", "/mos ps");
        await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().anyMatch(m -> m.text().equals("ps")));
        assertThat(context.lastState()).isEqualTo(ConnectorState.CONNECTED);
    }
}
