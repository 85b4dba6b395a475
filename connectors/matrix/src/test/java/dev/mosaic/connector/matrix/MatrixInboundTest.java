package dev.mosaic.connector.matrix;

import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.matrix.fake.FakeEvent;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** What reaches Mos: delivery, addressing, history, restarts, invites, encrypted rooms. */
class MatrixInboundTest extends MatrixTestBase {

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
                tuple("status coder-1", Addressing.MENTION),
                tuple("ps", Addressing.MENTION),
                tuple("tail coder-1", Addressing.DIRECT));
        assertThat(received).filteredOn(m -> m.conversation().id().equals(dm)).singleElement()
                .satisfies(m -> assertThat(m.conversation().direct()).isTrue());
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
                tuple("m.notice", SyncProcessor.ENCRYPTED_NOTICE));
        assertThat(received).extracting(m -> m.conversation().id()).containsOnly(plain);
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

    @Test
    void anEventTheServerSendsAgainIsDeliveredOnlyOnce() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        started(Map.of("rooms", List.of(room)));
        String once = hs.userSends(OWNER, room, "!mos restart coder-1");
        await().until(() -> received.size() == 1);

        hs.redeliver(once);
        String marker = hs.userSends(OWNER, room, "!mos ps"); // comes after the repeat in the stream
        await().until(() -> received.stream().anyMatch(m -> m.messageId().equals(marker)));

        assertThat(received).extracting(InboundMessage::messageId).containsExactly(once, marker);
    }
}
