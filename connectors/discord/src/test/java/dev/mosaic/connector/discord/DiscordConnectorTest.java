package dev.mosaic.connector.discord;

import dev.mosaic.connector.Acknowledger.Ack;
import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.discord.fake.FakeDiscord;
import dev.mosaic.connector.discord.fake.Posted;
import dev.mosaic.connector.testkit.TestConnectorContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real JDA client against the fake Discord on loopback: one fake and one connector for the class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscordConnectorTest {

    static final String TOKEN = "MTAx.fake-bot-token.secret";
    static final String GUILD = "1112631390438166618";
    static final String WATCHED = "1517622518662434996";
    static final String UNWATCHED = "1517622518662434997";
    static final String ALICE = "223344556677889900";

    FakeDiscord fake;
    DiscordConnector connector;
    TestConnectorContext context;
    final List<InboundMessage> inbound = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start(@TempDir Path state) throws Exception {
        fake = new FakeDiscord(TOKEN, GUILD, List.of(WATCHED, UNWATCHED));
        context = TestConnectorContext.in(state);
        ConnectorConfig config = new ConnectorConfig("discord", Map.of("token", TOKEN, "guild", GUILD,
                "channel", WATCHED, "apiBase", fake.apiBase(), "gatewayUrl", fake.gatewayUrl()));
        connector = (DiscordConnector) new DiscordConnectorProvider().create(config, context);
        connector.start(inbound::add);
    }

    @AfterAll
    void stop() throws Exception {
        connector.close();
        fake.close();
    }

    InboundMessage awaitInbound(String messageId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> find(messageId).isPresent());
        return find(messageId).orElseThrow();
    }

    Optional<InboundMessage> find(String messageId) {
        return inbound.stream().filter(m -> m.messageId().equals(messageId)).findFirst();
    }

    @Test
    void prefixCommandIsDeliveredAndTheReplyIsChainedToIt() throws Exception {
        String id = fake.userSays(WATCHED, ALICE, "alice", "!mos ps");

        InboundMessage m = awaitInbound(id);
        assertThat(m.addressing()).isEqualTo(Addressing.NONE);
        assertThat(m.text()).isEqualTo("!mos ps");
        assertThat(m.sender().id()).isEqualTo(ALICE);
        assertThat(m.sender().bot()).isFalse();
        assertThat(m.conversation().id()).isEqualTo(WATCHED);
        assertThat(context.states()).contains(ConnectorState.CONNECTING, ConnectorState.CONNECTED);

        connector.send(OutboundMessage.replyTo(m, "3 agents running"));

        assertThat(fake.posted(WATCHED)).filteredOn(p -> p.content().equals("3 agents running"))
                .singleElement().extracting(Posted::replyTo).isEqualTo(id);
    }

    @Test
    void agentTextNeverPingsAnyoneButTheReplyReachesTheAsker() throws Exception {
        String id = fake.userSays(WATCHED, ALICE, "alice", "!mos tail coder-1");
        InboundMessage m = awaitInbound(id);
        int before = fake.pings().size();
        int postedBefore = fake.posted(WATCHED).size();
        String hostile = "build done @everyone @here <@&1300000000000000001> <@1300000000000000002>\n"
                + "x".repeat(2500) + " @everyone again";

        connector.send(OutboundMessage.replyTo(m, hostile));
        connector.send(OutboundMessage.to(m.conversation(), "notice for <@&1300000000000000001> and @here"));

        await().atMost(Duration.ofSeconds(5)).until(() -> fake.posted(WATCHED).size() >= postedBefore + 3);
        assertThat(fake.pings().subList(before, fake.pings().size())).as("only the asker, by the reply itself")
                .containsExactly("replied-user");
    }

    @Test
    void slashRepliesPingNobody() throws Exception {
        String id = fake.slash(WATCHED, ALICE, "alice", "ps", Map.of());
        InboundMessage m = awaitInbound(id);
        int before = fake.pings().size();

        connector.send(OutboundMessage.replyTo(m, "@everyone look <@&1300000000000000001>"));

        await().atMost(Duration.ofSeconds(5)).until(() -> fake.posted(WATCHED).stream()
                .anyMatch(p -> p.content().startsWith("@everyone look")));
        assertThat(fake.pings().subList(before, fake.pings().size())).isEmpty();
    }

    @Test
    void slashCommandArrivesAsVerbLineAndTheReplyCompletesTheInteraction() throws Exception {
        String id = fake.slash(WATCHED, ALICE, "alice", "send", Map.of("agent", "coder-1", "text", "hi"));

        InboundMessage m = awaitInbound(id);
        assertThat(m.addressing()).isEqualTo(Addressing.SLASH_COMMAND);
        assertThat(m.text()).isEqualTo("send coder-1 hi");
        assertThat(m.sender().id()).isEqualTo(ALICE);
        await().atMost(Duration.ofSeconds(5)).until(() -> fake.callbacks(id).contains(5));

        connector.send(OutboundMessage.replyTo(m, "sent to coder-1"));
        connector.send(OutboundMessage.replyTo(m, "coder-1 answered"));

        assertThat(fake.interactionReplies(id)).extracting(Posted::content, Posted::via)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sent to coder-1", "edit-original:" + id));
        assertThat(fake.posted(WATCHED)).filteredOn(p -> p.content().equals("coder-1 answered"))
                .singleElement().satisfies(p -> {
                    assertThat(p.via()).isEqualTo("channel");
                    assertThat(p.replyTo()).isNull();
                });
    }
    @Test
    void directMessageArrivesAsDirectAndTheReplyGoesBackToTheDm() throws Exception {
        String id = fake.dm(ALICE, "alice", "status coder-1");

        InboundMessage m = awaitInbound(id);
        assertThat(m.addressing()).isEqualTo(Addressing.DIRECT);
        assertThat(m.conversation().direct()).isTrue();
        assertThat(m.conversation().id()).isEqualTo(fake.dmChannel(ALICE));
        assertThat(m.text()).isEqualTo("status coder-1");

        connector.send(OutboundMessage.replyTo(m, "coder-1 is running"));

        assertThat(fake.posted(fake.dmChannel(ALICE))).extracting(Posted::content).containsExactly("coder-1 is running");
    }

    @Test
    void mentionIsStrippedAndOtherBotsAreMarkedButOwnMessagesAndOtherChannelsAreNot() throws Exception {
        String mention = fake.userSays(WATCHED, ALICE, "alice", "<@" + fake.botId() + "> restart coder-1");
        String otherBot = fake.otherBotSays(WATCHED, "998877665544332211", "ci-bot", "!mos ps");
        String elsewhere = fake.userSays(UNWATCHED, ALICE, "alice", "!mos ps");
        connector.send(OutboundMessage.to(dev.mosaic.connector.Conversation.of("discord", WATCHED), "own message"));
        String marker = fake.userSays(WATCHED, ALICE, "alice", "marker after the others");

        awaitInbound(marker); // one event thread, in order: everything before it has been handled
        assertThat(find(mention)).get().satisfies(m -> {
            assertThat(m.addressing()).isEqualTo(Addressing.MENTION);
            assertThat(m.text()).isEqualTo("restart coder-1");
        });
        assertThat(find(otherBot)).get().satisfies(m -> assertThat(m.sender().bot()).isTrue());
        assertThat(find(elsewhere)).isEmpty();
        String ownId = fake.posted(WATCHED).stream().filter(p -> p.content().equals("own message"))
                .findFirst().orElseThrow().id();
        assertThat(find(ownId)).isEmpty();
        assertThat(inbound).noneMatch(m -> m.sender().id().equals(fake.botId()));
    }

    @Test
    void messagesFromBeforeTheStartAreHistoryNotCommands() {
        String old = fake.userSaidAt(context.startedAt().minusSeconds(60), WATCHED, ALICE, "alice", "!mos stop all");
        String marker = fake.userSays(WATCHED, ALICE, "alice", "!mos whoami");

        awaitInbound(marker);
        assertThat(find(old)).isEmpty();
    }

    @Test
    void longReplyIsSplitIntoFenceSafeChunksOfAtMost2000Characters() throws Exception {
        String id = fake.userSays(WATCHED, ALICE, "alice", "!mos tail coder-1");
        InboundMessage m = awaitInbound(id);
        StringBuilder body = new StringBuilder("```\n");
        for (int i = 0; body.length() < 5000; i++) {
            body.append("line ").append(i).append(" of the pane output\n");
        }
        String text = body.append("```").toString();
        assertThat(text.length()).isGreaterThanOrEqualTo(5000);

        connector.send(OutboundMessage.replyTo(m, text));

        List<Posted> parts = fake.posted(WATCHED).stream().filter(p -> p.content().contains(" of the pane output"))
                .toList();
        assertThat(parts).hasSizeBetween(3, 3);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.content().length()).isLessThanOrEqualTo(2000);
            assertThat(p.content()).startsWith("```").endsWith("```");
        });
        assertThat(parts.get(0).replyTo()).isEqualTo(id);
        assertThat(String.join("\n", parts.stream().map(p -> p.content()
                .replaceAll("^```\\n?", "").replaceAll("\\n?```$", "")).toList()))
                .isEqualTo(text.substring(4, text.length() - 4));
    }

    @Test
    void veryLongOutputIsSentAsOneAttachmentInsteadOfAFlood() throws Exception {
        String id = fake.userSays(WATCHED, ALICE, "alice", "!mos tail coder-1 5000");
        InboundMessage m = awaitInbound(id);
        StringBuilder pane = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            pane.append("build step ").append(i).append(" ok\n");
        }
        int before = fake.posted(WATCHED).size();

        connector.send(OutboundMessage.replyTo(m, "```\n" + pane + "```"));

        List<Posted> after = fake.posted(WATCHED).subList(before, fake.posted(WATCHED).size());
        assertThat(after).singleElement().satisfies(p -> {
            assertThat(p.replyTo()).isEqualTo(id);
            assertThat(p.content()).contains("attached");
            assertThat(p.files()).singleElement().satisfies(f -> {
                assertThat(f.name()).endsWith(".txt");
                assertThat(f.text()).startsWith("build step 0 ok\n").contains("build step 999 ok").doesNotContain("```");
            });
        });
    }

    @Test
    void acknowledgementsAppearAsReactionsAndTypingIsShown() throws Exception {
        String ok = fake.userSays(WATCHED, ALICE, "alice", "!mos ps");
        String bad = fake.userSays(WATCHED, ALICE, "alice", "!mos status nobody");
        InboundMessage okMessage = awaitInbound(ok);
        InboundMessage badMessage = awaitInbound(bad);

        connector.acknowledge(okMessage, Ack.RECEIVED);
        connector.typing(okMessage.conversation());
        connector.acknowledge(okMessage, Ack.DONE);
        connector.acknowledge(badMessage, Ack.RECEIVED);
        connector.acknowledge(badMessage, Ack.FAILED);

        assertThat(fake.reactions(ok)).containsExactly(new FakeDiscord.Reaction(ok, "\uD83D\uDC40", true),
                new FakeDiscord.Reaction(ok, "\u2705", true), new FakeDiscord.Reaction(ok, "\uD83D\uDC40", false));
        assertThat(fake.reactions(bad)).containsExactly(new FakeDiscord.Reaction(bad, "\uD83D\uDC40", true),
                new FakeDiscord.Reaction(bad, "\u274C", true), new FakeDiscord.Reaction(bad, "\uD83D\uDC40", false));
        await().atMost(Duration.ofSeconds(5)).until(() -> fake.typing().contains(WATCHED));
    }

    @Test
    void slashCommandsAreRegisteredForTheGuildAndNoPrivilegedIntentIsRequested() {
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.registeredCommands() != null);
        var mos = fake.registeredCommands().get(0);
        assertThat(mos.path("name").asText()).isEqualTo("mos");
        List<String> subs = new java.util.ArrayList<>();
        mos.path("options").forEach(o -> subs.add(o.path("name").asText()));
        assertThat(subs).contains("ps", "status", "send", "start", "stop", "restart", "tail", "add", "remove",
                "whoami", "help", "confirm", "ask");
        long messageContent = 1L << 15;
        assertThat(fake.intents() & messageContent).isZero();
        assertThat(fake.unmatched()).isEmpty();
    }

    @Test
    void slashAddAndAskAreRebuiltAsTheVerbLineAndFreeText() {
        String add = fake.slash(WATCHED, ALICE, "alice", "add", Map.of("name", "coder-2", "runtime", "codex"));
        String ask = fake.slash(WATCHED, ALICE, "alice", "ask", Map.of("text", "what is the fleet doing?"));
        String tail = fake.slash(WATCHED, ALICE, "alice", "tail", Map.of("agent", "coder-1", "lines", 40));

        assertThat(awaitInbound(add).text()).isEqualTo("add coder-2 runtime=codex");
        assertThat(awaitInbound(ask).text()).isEqualTo("what is the fleet doing?");
        assertThat(awaitInbound(tail).text()).isEqualTo("tail coder-1 40");
    }

    @Test
    void slashTextWithSpacesAndQuotesStaysOneExactArgument() {
        String id = fake.slash(WATCHED, ALICE, "alice", "send",
                Map.of("agent", "coder-1", "text", "don't stop; say \"hi\" \\ now"));

        assertThat(awaitInbound(id).text()).isEqualTo("send coder-1 \"don't stop; say \\\"hi\\\" \\\\ now\"");
    }

    @Test
    void slashCommandOutsideTheWatchedChannelsIsAnsweredPrivatelyAndNotDelivered() {
        String id = fake.slash(UNWATCHED, ALICE, "alice", "ps", Map.of());

        await().atMost(Duration.ofSeconds(5)).until(() -> fake.callbacks(id).contains(4));
        assertThat(find(id)).isEmpty();
    }

    @Test
    void longSlashOutputCompletesTheInteractionWithAnAttachment() throws Exception {
        String id = fake.slash(WATCHED, ALICE, "alice", "tail", Map.of("agent", "coder-1", "lines", 2000));
        InboundMessage m = awaitInbound(id);
        String pane = "compiling module 42\n".repeat(500);

        connector.send(OutboundMessage.replyTo(m, pane));

        assertThat(fake.interactionReplies(id)).singleElement().satisfies(p -> {
            assertThat(p.via()).isEqualTo("edit-original:" + id);
            assertThat(p.files()).singleElement().satisfies(f -> assertThat(f.text()).isEqualTo(pane.strip()));
        });
    }

    @Test
    void multiPartSlashReplyUsesTheOriginalResponseThenFollowups() throws Exception {
        String id = fake.slash(WATCHED, ALICE, "alice", "help", Map.of());
        InboundMessage m = awaitInbound(id);
        String help = "verb: does something useful to an agent\n".repeat(80);

        connector.send(OutboundMessage.replyTo(m, help));

        List<Posted> replies = fake.interactionReplies(id);
        assertThat(replies).hasSize(2);
        assertThat(replies.get(0).via()).startsWith("edit-original:");
        assertThat(replies.get(1).via()).startsWith("followup:");
        assertThat(replies).allSatisfy(p -> assertThat(p.content().length()).isLessThanOrEqualTo(2000));
    }

    @Test
    void aReplyToMosIsAddressedToMosLikeAMention() throws Exception {
        String ask = fake.userSays(WATCHED, ALICE, "alice", "!mos ps");
        connector.send(OutboundMessage.replyTo(awaitInbound(ask), "which agent?"));
        String mosAnswer = fake.posted(WATCHED).stream().filter(p -> p.content().equals("which agent?"))
                .findFirst().orElseThrow().id();

        String reply = fake.userRepliesTo(mosAnswer, WATCHED, ALICE, "alice", "the reviewer please");
        String replyToPerson = fake.userRepliesTo(ask, WATCHED, ALICE, "alice", "talking to myself");

        assertThat(awaitInbound(reply)).satisfies(m -> {
            assertThat(m.addressing()).isEqualTo(Addressing.MENTION);
            assertThat(m.text()).isEqualTo("the reviewer please");
        });
        assertThat(awaitInbound(replyToPerson).addressing()).isEqualTo(Addressing.NONE);
    }
}
