package dev.mosaic.connector.matrix;

import dev.mosaic.connector.Acknowledger.Ack;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.matrix.fake.FakeEvent;
import dev.mosaic.connector.matrix.fake.FakeHomeserver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What Mos posts: replies, splitting, retries without duplicates, acks, typing, rooms. */
class MatrixOutboundTest extends MatrixTestBase {

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

        c.send(OutboundMessage.to(new Conversation("matrix", room, null, false), text));

        List<FakeEvent> sent = hs.botMessages(room);
        assertThat(sent).hasSize(3);
        assertThat(sent).allSatisfy(e -> assertThat(e.body().length()).isLessThanOrEqualTo(16_000));
        assertThat(String.join("\n", sent.stream().map(FakeEvent::body).toList())).isEqualTo(text.strip());
    }

    @Test
    void agentTextSayingAtRoomMentionsNobody() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        MatrixConnector c = started(Map.of("rooms", List.of(room)));

        c.send(OutboundMessage.to(new Conversation("matrix", room, null, false), "deploy done @room " + EVE));

        FakeEvent sent = hs.botMessages(room).get(0);
        assertThat(sent.body()).contains("@room");
        assertThat(sent.content().path("m.mentions").isObject()).as("intentional mentions present").isTrue();
        assertThat(sent.content().path("m.mentions").size()).as("and empty: no room ping, no user ping").isZero();
    }

    @Test
    void wideCharactersAreSplitByEncodedEventSizeSoNoPartIsRefusedAsTooLarge() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        MatrixConnector c = started(Map.of("rooms", List.of(room)));
        // 16,000 three-byte characters: one part by character count, ~96 KB as an event with its HTML copy
        String boxes = ("\u2500\u2502\u250c\u2510".repeat(19) + "\n").repeat(200);
        String cjk = "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8".repeat(2_000);

        c.send(OutboundMessage.to(new Conversation("matrix", room, null, false), boxes));
        c.send(OutboundMessage.to(new Conversation("matrix", room, null, false), cjk));

        List<FakeEvent> sent = hs.botMessages(room);
        assertThat(sent).hasSizeGreaterThan(2);
        assertThat(sent).allSatisfy(e -> assertThat(
                e.content().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(60 * 1024));
        String all = String.join("", sent.stream().map(FakeEvent::body).toList());
        assertThat(all.replace("\n", "")).isEqualTo((boxes + cjk).replace("\n", ""));
        assertThat(hs.requests().stream().filter(r -> r.path().contains("/send/")).count())
                .as("no 413 and no retry: every part fit the first time").isEqualTo(sent.size());
    }

    @Test
    void aRateLimitedSendWaitsRetryAfterMs() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        MatrixConnector c = started(Map.of("rooms", List.of(room)));
        hs.rateLimitNextSends(1, 700);

        c.send(OutboundMessage.to(new Conversation("matrix", room, null, false), "hello"));

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

        c.send(OutboundMessage.to(new Conversation("matrix", room, null, false), "once"));

        long attempts = hs.requests().stream().filter(r -> r.method().equals("PUT") && r.path().contains("/send/"))
                .count();
        assertThat(attempts).isEqualTo(2);
        assertThat(hs.botMessages(room)).extracting(FakeEvent::body).containsExactly("once");
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
}
