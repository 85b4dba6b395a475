package dev.mosaic.connector.matrix;

import dev.mosaic.connector.Acknowledger.Ack;
import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorState;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.matrix.fake.FakeEvent;
import dev.mosaic.connector.matrix.fake.FakeHomeserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The real connector against the loopback fake homeserver. */
class MatrixConnectorTest {

    static final String BOT = "@mos:localhost";
    static final String OWNER = "@owner:localhost";
    static final String EVE = "@eve:localhost";
    static final String BOT_TOKEN = "bot-secret-token";

    @TempDir
    Path stateDir;

    FakeHomeserver hs;
    final List<MatrixConnector> open = new ArrayList<>();
    final List<InboundMessage> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        hs = FakeHomeserver.start();
        hs.addUser(BOT, BOT_TOKEN, "bot-password");
        hs.addUser(OWNER, "owner-token", null);
        hs.addUser(EVE, "eve-token", null);
    }

    @AfterEach
    void tearDown() {
        open.forEach(MatrixConnector::close);
        hs.close();
    }

    TestContext context(Instant startedAt) {
        return new TestContext(startedAt, stateDir);
    }

    MatrixConnector connector(TestContext ctx, Map<String, Object> extra) throws ConnectorException {
        Map<String, Object> values = new HashMap<>();
        values.put("homeserver", hs.uri().toString());
        values.put("userId", BOT);
        values.put("token", BOT_TOKEN);
        values.putAll(extra);
        MatrixSettings settings = MatrixSettings.from(new ConnectorConfig("matrix", values))
                .withSyncTimeout(Duration.ofSeconds(5));
        MatrixConnector c = new MatrixConnector(settings, ctx, HttpClient.newHttpClient(),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), 0.5, new Random(7)),
                Backoff.Sleeper.system());
        open.add(c);
        return c;
    }

    MatrixConnector started(Map<String, Object> extra) throws ConnectorException {
        MatrixConnector c = connector(context(Instant.now()), extra);
        c.start(received::add);
        return c;
    }

    @Test
    void aMessageInAWatchedRoomIsDeliveredOnceWithSenderAndRoom() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        started(Map.of("rooms", List.of(room)));

        String first = hs.userSends(OWNER, room, "!mos ps");
        await().until(() -> received.size() == 1);
        InboundMessage m = received.get(0);
        assertThat(m.messageId()).isEqualTo(first);
        assertThat(m.sender().id()).isEqualTo(OWNER);
        assertThat(m.conversation().id()).isEqualTo(room);
        assertThat(m.conversation().direct()).isFalse();
        assertThat(m.addressing()).isEqualTo(Addressing.NONE);
        assertThat(m.text()).isEqualTo("!mos ps");

        String second = hs.userSends(EVE, room, "just chatting");
        await().until(() -> received.size() == 2);
        assertThat(received).extracting(InboundMessage::messageId).containsExactly(first, second);
    }

    @Test
    void aMentionIsStrippedAndADirectRoomIsDirect() throws Exception {
        String group = hs.createRoom(false, OWNER, BOT, EVE);
        String dm = hs.createRoom(false, OWNER, BOT);
        started(Map.of("room", group));

        hs.userSends(OWNER, group, "@mos:localhost: status coder-1");
        hs.userSends(OWNER, group, "mos, ps");
        hs.userSends(OWNER, dm, "tail coder-1");
        await().until(() -> received.size() == 3);
        // Order is guaranteed within a room only.
        assertThat(received).extracting(InboundMessage::text, InboundMessage::addressing).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("status coder-1", Addressing.MENTION),
                org.assertj.core.groups.Tuple.tuple("ps", Addressing.MENTION),
                org.assertj.core.groups.Tuple.tuple("tail coder-1", Addressing.DIRECT));
        assertThat(received).filteredOn(m -> m.conversation().id().equals(dm)).singleElement()
                .satisfies(m -> assertThat(m.conversation().direct()).isTrue());
    }

    @Test
    void aReplyIsAnHtmlNoticeInReplyToTheMessage() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        MatrixConnector c = started(Map.of("rooms", List.of(room)));
        hs.userSends(OWNER, room, "!mos ps");
        await().until(() -> received.size() == 1);

        c.send(OutboundMessage.replyTo(received.get(0), "**2 agents**\n```\nname  <state>\ncoder running\n```"));

        List<FakeEvent> sent = hs.botMessages(room);
        assertThat(sent).hasSize(1);
        FakeEvent reply = sent.get(0);
        assertThat(reply.sender()).isEqualTo(BOT);
        assertThat(reply.msgtype()).isEqualTo("m.notice");
        assertThat(reply.body()).isEqualTo("**2 agents**\n```\nname  <state>\ncoder running\n```");
        assertThat(reply.content().path("format").asText()).isEqualTo("org.matrix.custom.html");
        assertThat(reply.content().path("formatted_body").asText()).isEqualTo(
                "<strong>2 agents</strong><pre><code>name  &lt;state&gt;\ncoder running\n</code></pre>");
        assertThat(reply.content().path("m.relates_to").path("m.in_reply_to").path("event_id").asText())
                .isEqualTo(received.get(0).messageId());
    }

    @Test
    void aLongReplyIsSplitIntoPartsWithinTheLimit() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        MatrixConnector c = started(Map.of("rooms", List.of(room)));
        String line = "0123456789 abcdefghij 0123456789 abcdefghij 0123456789 abcdefghij 0123456789\n";
        String text = line.repeat(500); // about 39000 chars

        c.send(OutboundMessage.to(received.isEmpty() ? new dev.mosaic.connector.Conversation("matrix", room, null,
                false) : received.get(0).conversation(), text));

        List<FakeEvent> sent = hs.botMessages(room);
        assertThat(sent).hasSize(3);
        assertThat(sent).allSatisfy(e -> assertThat(e.body().length()).isLessThanOrEqualTo(16_000));
        assertThat(String.join("\n", sent.stream().map(FakeEvent::body).toList())).isEqualTo(text.strip());
    }

    @Test
    void theFirstSyncDoesNotDeliverHistory() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        String old = hs.userSends(OWNER, room, "!mos stop all");
        long oldTs = hs.events(room).stream().filter(e -> e.eventId().equals(old)).findFirst().orElseThrow()
                .originServerTs();
        MatrixConnector c = connector(context(Instant.ofEpochMilli(oldTs + 1)), Map.of("rooms", List.of(room)));
        c.start(received::add);

        String fresh = hs.userSends(OWNER, room, "!mos ps");
        await().until(() -> received.stream().anyMatch(m -> m.messageId().equals(fresh)));
        assertThat(received).extracting(InboundMessage::messageId).containsExactly(fresh);
    }

    @Test
    void aRestartOnTheSameStateDirDoesNotRedeliverHandledMessages() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        MatrixConnector first = started(Map.of("rooms", List.of(room)));
        String handled = hs.userSends(OWNER, room, "!mos ps");
        await().until(() -> received.size() == 1);
        await().until(() -> Files.readString(stateDir.resolve("matrix-since")).strip()
                .equals("s" + hs.events(room).get(hs.events(room).size() - 1).position()));
        first.close();

        String whileDown = hs.userSends(OWNER, room, "!mos status coder-1");
        MatrixConnector second = connector(context(Instant.now()), Map.of("rooms", List.of(room)));
        second.start(received::add);

        await().until(() -> received.size() >= 2);
        String later = hs.userSends(OWNER, room, "!mos tail coder-1");
        await().until(() -> received.stream().anyMatch(m -> m.messageId().equals(later)));
        assertThat(received).extracting(InboundMessage::messageId).containsExactly(handled, whileDown, later);
    }

    @Test
    void aRateLimitedSendWaitsRetryAfterMs() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        MatrixConnector c = started(Map.of("rooms", List.of(room)));
        hs.rateLimitNextSends(1, 700);

        c.send(OutboundMessage.to(new dev.mosaic.connector.Conversation("matrix", room, null, false), "hello"));

        List<FakeHomeserver.Request> puts = hs.requests().stream()
                .filter(r -> r.method().equals("PUT") && r.path().contains("/send/")).toList();
        assertThat(puts).hasSize(2);
        assertThat(puts.get(1).path()).isEqualTo(puts.get(0).path()); // same txn id
        assertThat(Duration.ofNanos(puts.get(1).receivedNanos() - puts.get(0).receivedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThat(hs.botMessages(room)).extracting(FakeEvent::body).containsExactly("hello");
    }

    @Test
    void aSendRetriedAfterALostAnswerCreatesOneEvent() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        MatrixConnector c = started(Map.of("rooms", List.of(room)));
        hs.loseNextSendAnswers(1);

        c.send(OutboundMessage.to(new dev.mosaic.connector.Conversation("matrix", room, null, false), "once"));

        long attempts = hs.requests().stream().filter(r -> r.method().equals("PUT") && r.path().contains("/send/"))
                .count();
        assertThat(attempts).isEqualTo(2);
        assertThat(hs.botMessages(room)).extracting(FakeEvent::body).containsExactly("once");
    }

    @Test
    void invitesFromListedUsersAreAcceptedAndOthersIgnored() throws Exception {
        String fromEve = hs.createRoom(false, EVE);
        String fromOwner = hs.createRoom(false, OWNER);
        started(Map.of("autoJoinFrom", List.of(OWNER)));

        hs.invite(EVE, fromEve, BOT);
        hs.invite(OWNER, fromOwner, BOT);
        await().until(() -> hs.members(fromOwner).contains(BOT));

        String hello = hs.userSends(OWNER, fromOwner, "ps");
        await().until(() -> received.stream().anyMatch(m -> m.messageId().equals(hello)));
        assertThat(received.get(0).addressing()).isEqualTo(Addressing.DIRECT);
        assertThat(hs.members(fromEve)).doesNotContain(BOT);
    }

    @Test
    void anEncryptedRoomGetsTheNoticeOnce() throws Exception {
        String secret = hs.createRoom(true, OWNER, BOT, EVE);
        String plain = hs.createRoom(false, OWNER, BOT, EVE);
        started(Map.of("rooms", List.of(secret, plain)));

        hs.userSendsEncrypted(OWNER, secret);
        hs.userSendsEncrypted(EVE, secret);
        await().until(() -> !hs.botMessages(secret).isEmpty());
        String marker = hs.userSends(OWNER, plain, "!mos ps");
        await().until(() -> received.stream().anyMatch(m -> m.messageId().equals(marker)));

        assertThat(hs.botMessages(secret)).extracting(FakeEvent::msgtype, FakeEvent::body).containsExactly(
                org.assertj.core.groups.Tuple.tuple("m.notice", SyncProcessor.ENCRYPTED_NOTICE));
        assertThat(received).extracting(m -> m.conversation().id()).containsOnly(plain);
    }

    @Test
    void aRejectedTokenIsAPermanentFailureThatDoesNotLeakTheToken() throws Exception {
        TestContext ctx = context(Instant.now());
        MatrixConnector c = connector(ctx, Map.of("token", "not-the-right-token"));

        assertThatThrownBy(() -> c.start(received::add))
                .isInstanceOf(ConnectorException.class)
                .matches(e -> ((ConnectorException) e).permanent(), "permanent")
                .hasMessageContaining("M_UNKNOWN_TOKEN")
                .hasMessageNotContaining("not-the-right-token");
        assertThat(ctx.states()).contains(ConnectorState.FAILED);
    }

    @Test
    void aPasswordLogsInAndStateChangesAreReported() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        Map<String, Object> values = new HashMap<>();
        values.put("password", "bot-password");
        values.put("rooms", List.of(room));
        values.put("token", "");
        TestContext ctx = context(Instant.now());
        MatrixConnector c = connector(ctx, values);
        c.start(received::add);
        hs.userSends(OWNER, room, "!mos whoami");
        await().until(() -> received.size() == 1);
        c.close();

        assertThat(ctx.states()).containsExactly(ConnectorState.CONNECTING, ConnectorState.CONNECTED,
                ConnectorState.STOPPED);
        assertThat(ctx.reports).noneMatch(r -> r.detail().contains("bot-password"));
    }

    @Test
    void acknowledgementsAndTypingShowInTheRoom() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        MatrixConnector c = started(Map.of("rooms", List.of(room)));
        hs.userSends(OWNER, room, "!mos ps");
        await().until(() -> received.size() == 1);
        InboundMessage m = received.get(0);

        c.acknowledge(m, Ack.RECEIVED);
        c.typing(m.conversation());
        c.acknowledge(m, Ack.DONE);

        assertThat(hs.receipts(room)).containsExactly(m.messageId());
        assertThat(hs.typing(room)).containsExactly(BOT);
        assertThat(hs.events(room)).filteredOn(e -> e.type().equals("m.reaction")).singleElement()
                .satisfies(e -> {
                    assertThat(e.content().path("m.relates_to").path("event_id").asText()).isEqualTo(m.messageId());
                    assertThat(e.content().path("m.relates_to").path("key").asText()).isEqualTo("\uD83D\uDC40");
                });
    }

    @Test
    void matrixRoomsCreatesARoomWithInvitesAndPostsIntoIt() throws Exception {
        MatrixConnector c = started(Map.of());
        MatrixRooms rooms = c.rooms();

        String roomId = rooms.createRoom("coder-1", "agent-coder-1", List.of(OWNER));
        String eventId = rooms.sendText(roomId, "coder-1 is `running`");

        assertThat(hs.members(roomId)).containsExactly(BOT);
        assertThat(hs.events(roomId)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("m.room.member");
            assertThat(e.stateKey()).isEqualTo(OWNER);
            assertThat(e.content().path("membership").asText()).isEqualTo("invite");
        });
        assertThat(hs.botMessages(roomId)).singleElement().satisfies(e -> {
            assertThat(e.eventId()).isEqualTo(eventId);
            assertThat(e.content().path("formatted_body").asText()).isEqualTo("coder-1 is <code>running</code>");
        });
    }
    @Test
    void aFailingSyncDegradesAndRecoversWithoutLosingMessages() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        TestContext ctx = context(Instant.now());
        MatrixConnector c = connector(ctx, Map.of("rooms", List.of(room)));
        c.start(received::add);
        hs.failNextSyncs(3);

        String before = hs.userSends(OWNER, room, "!mos ps"); // ends the running poll; the next ones fail
        await().until(() -> ctx.states().contains(ConnectorState.DEGRADED));
        String after = hs.userSends(OWNER, room, "!mos status coder-1");
        await().until(() -> received.size() == 2);

        assertThat(received).extracting(InboundMessage::messageId).containsExactly(before, after);
        await().until(() -> ctx.states().equals(List.of(ConnectorState.CONNECTING, ConnectorState.CONNECTED,
                ConnectorState.DEGRADED, ConnectorState.CONNECTED)));
    }

    @Test
    void aTokenRevokedWhileRunningStopsTheConnectorAsFailed() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        TestContext ctx = context(Instant.now());
        MatrixConnector c = connector(ctx, Map.of("rooms", List.of(room)));
        c.start(received::add);

        hs.revokeToken(BOT_TOKEN);
        hs.userSends(OWNER, room, "!mos ps"); // wakes the running poll; the next one is refused

        await().until(() -> ctx.states().contains(ConnectorState.FAILED));
        assertThat(ctx.reports.get(ctx.reports.size() - 1).detail()).contains("M_UNKNOWN_TOKEN")
                .doesNotContain(BOT_TOKEN);
    }

    @Test
    void aConfiguredAliasIsJoinedAndReportedByRoomId() throws Exception {
        String room = hs.createRoom(false, OWNER, EVE);
        hs.makePublic(room);
        String alias = hs.addAlias(room, "ops");
        started(Map.of("rooms", List.of(alias)));

        assertThat(hs.members(room)).contains(BOT);
        hs.userSends(EVE, room, "!mos ps");
        await().until(() -> received.size() == 1);
        assertThat(received.get(0).conversation().id()).isEqualTo(room);
        assertThat(received.get(0).addressing()).isEqualTo(Addressing.NONE);
    }

    @Test
    void anInviteToAConfiguredPrivateRoomIsAcceptedFromAnyone() throws Exception {
        String room = hs.createRoom(false, EVE, OWNER);
        started(Map.of("rooms", List.of(room))); // not invited yet: start still succeeds

        hs.invite(EVE, room, BOT);
        await().until(() -> hs.members(room).contains(BOT));
        hs.userSends(OWNER, room, "!mos ps");
        await().until(() -> received.size() == 1);
        assertThat(received.get(0).addressing()).isEqualTo(Addressing.NONE);
    }
}
