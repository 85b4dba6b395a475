package dev.mosaic.mos.comms;

import static dev.mosaic.mos.comms.MatrixServiceFixture.EVE;
import static dev.mosaic.mos.comms.MatrixServiceFixture.OPS;
import static dev.mosaic.mos.comms.MatrixServiceFixture.OWNER;
import static dev.mosaic.mos.comms.MatrixServiceFixture.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.fleet.audit.AuditLog;
import dev.mosaic.mos.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comms mode matrix end to end: agent rooms on the fake homeserver, the real service, real tmux
 * agents running the demo preset's echo program.
 */
class MatrixCommsTest {

    @TempDir
    Path dir;

    MatrixServiceFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    private void start(String comms) throws Exception {
        f = new MatrixServiceFixture(dir, comms);
        f.start();
        f.startFleet();
    }

    @Test
    void aRoomMessageReachesThePaneAndTheAgentsSayAppearsInItsRoom() throws Exception {
        start("matrix");
        // the operators and admins were invited (not the viewer)
        String room = f.agentRoom("echo-1", OWNER, OPS);
        assertThat(f.hs.members(room)).contains(MatrixServiceFixture.BOT, OWNER, OPS);

        String hello = f.hs.userSends(OPS, room, "please run the tests");
        await().atMost(20, TimeUnit.SECONDS).until(() -> f.received("echo-1", "[matrix @ops] please run the tests") == 1);
        // DONE is the read receipt, sent once the pane showed the text
        await().atMost(10, TimeUnit.SECONDS).until(() -> f.hs.receipts(room).contains(hello));

        CliRun said = f.cli(Map.of("MOSAIC_AGENT_NAME", "echo-1"), "mos", "say", "tests", "pass");
        assertThat(said.code()).as(said.err()).isZero();
        assertThat(said.out()).contains("said in matrix:" + room);
        assertThat(f.botSaid(room)).contains("**echo-1**: tests pass");

        // if the room is opened up, a viewer and a stranger are still refused; nothing reaches the pane
        f.hs.makePublic(room);
        f.hs.userJoins(VIEWER, room);
        f.hs.userJoins(EVE, room);
        f.hs.userSends(VIEWER, room, "viewer words");
        f.hs.userSends(EVE, room, "stranger words");
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(f.botSaid(room))
                .anySatisfy(b -> assertThat(b).contains("Only operators and admins can talk to echo-1"))
                .anySatisfy(b -> assertThat(b).contains("I don't know you", EVE)));
        assertThat(f.pane("echo-1")).doesNotContain("viewer words").doesNotContain("stranger words");

        // commands still work in an agent's room
        f.hs.userSends(OWNER, room, "!mos whoami");
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(f.botSaid(room))
                .anySatisfy(b -> assertThat(b).contains("You are owner (admin)")));
        assertThat(f.pane("echo-1")).doesNotContain("whoami");

        assertThat(Files.readString(f.home.resolve("mos/state/agent-rooms.json"))).contains("echo-1", room);
        CliRun status = f.cli(Map.of(), "mos", "status");
        assertThat(status.out()).contains("comms: matrix; rooms: ", "echo-1 " + room);
        assertThat(new AuditLog(f.home.resolve("audit/audit.jsonl")).read())
                .extracting(e -> e.record().actor() + " " + e.record().action() + " " + e.record().target() + " "
                        + e.record().result())
                .contains("matrix:" + OPS + " comms.deliver echo-1 delivered",
                        "matrix:" + VIEWER + " comms.deliver echo-1 refused: role viewer",
                        "matrix:" + EVE + " comms.deliver echo-1 refused: unknown sender");
    }

    @Test
    void agentSendGoesThroughTheRoomAndFailsClearlyWithoutTheService() throws Exception {
        start("matrix");
        CliRun sent = f.cli(Map.of("MOSAIC_AGENT_NAME", "echo-1"), "fleet", "agent", "send",
                "echo-2", "review my branch");
        assertThat(sent.code()).as(sent.err()).isZero();
        String room = f.agentRoom("echo-2");
        assertThat(sent.out()).contains("delivered to echo-2 through its room matrix:" + room);
        assertThat(f.received("echo-2", "[matrix @echo-1] review my branch")).isEqualTo(1);
        assertThat(f.botSaid(room)).contains("**echo-1**: review my branch");

        // the chat verb 'send' takes the same way, and the agent sees who asked
        f.hs.userSends(OWNER, f.mainRoom, "!mos send echo-2 rebase first");
        await().atMost(20, TimeUnit.SECONDS).until(() -> f.received("echo-2", "[matrix @owner] rebase first") == 1);
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(f.botSaid(room))
                .contains("**owner**: rebase first"));

        f.stopService();
        CliRun down = f.cli(Map.of(), "fleet", "agent", "send", "echo-2", "anyone there?");
        assertThat(down.code()).isOne();
        assertThat(down.err()).contains("matrix comms needs `mosaic mos serve` running",
                "switch back with `mosaic fleet comms tmux`");
        assertThat(f.pane("echo-2")).doesNotContain("anyone there?");
    }

    @Test
    void switchingCommsBackAndForthLosesNothingAndDeliversEachMessageOnce() throws Exception {
        start("matrix");
        String room = f.agentRoom("echo-1", OWNER);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String mode = i % 2 == 0 ? "tmux" : "matrix";
            String roomText = String.format("room-%02d", i);
            String cliText = String.format("cli-%02d", i);
            // a person posts in the room while the mode flips under the service
            f.hs.userSends(OWNER, room, roomText);
            CliRun sw = f.cli(Map.of(), "fleet", "comms", mode);
            assertThat(sw.code()).as(sw.err()).isZero();
            CliRun send = f.cli(Map.of(), "fleet", "agent", "send", "echo-1", cliText);
            assertThat(send.code()).as(send.err()).isZero();
            expected.add("[matrix @owner] " + roomText);
            expected.add((mode.equals("matrix") ? "[matrix @tester] " : "") + cliText);
        }
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
            for (String line : expected) {
                assertThat(f.received("echo-1", line)).as(line).isEqualTo(1);
            }
        });
        // and after the last switch (to matrix) the room still works both ways
        assertThat(f.cli(Map.of(), "fleet", "comms").out()).startsWith("comms: matrix");
        f.hs.userSends(OWNER, room, "last words");
        await().atMost(20, TimeUnit.SECONDS).until(() -> f.received("echo-1", "[matrix @owner] last words") == 1);
    }

    @Test
    void roomMessagesPostedWhileTheServiceIsDownAreDeliveredOnceWhenItIsBack() throws Exception {
        start("matrix");
        // three people: a group room, which the new connector must watch from its first sync
        String room = f.agentRoom("echo-1", OWNER, OPS);
        f.hs.userSends(OWNER, room, "before");
        await().atMost(20, TimeUnit.SECONDS).until(() -> f.received("echo-1", "[matrix @owner] before") == 1);

        f.stopService();
        f.hs.userSends(OWNER, room, "while down");
        f.start();
        await().atMost(20, TimeUnit.SECONDS).until(() -> f.received("echo-1", "[matrix @owner] while down") == 1);
        f.hs.userSends(OWNER, room, "after");
        await().atMost(20, TimeUnit.SECONDS).until(() -> f.received("echo-1", "[matrix @owner] after") == 1);
        assertThat(f.received("echo-1", "[matrix @owner] before")).isEqualTo(1);
        assertThat(f.received("echo-1", "[matrix @owner] while down")).isEqualTo(1);
    }

    /** Issue 11 row 18: a flood from a stranger in an agent's room costs the audit log a few records, not 500. */
    @Test
    void aStrangersFloodInAnAgentRoomIsAuditedCoalescedAndTheRoomStaysResponsive() throws Exception {
        start("matrix");
        String room = f.agentRoom("echo-1", OWNER, OPS);
        f.hs.makePublic(room);
        f.hs.userJoins(EVE, room);
        AuditLog log = new AuditLog(f.home.resolve("audit/audit.jsonl"));
        long before = log.head().seq();
        for (int i = 0; i < 500; i++) {
            f.hs.userSends(EVE, room, "flood " + i);
        }
        f.hs.userSends(OPS, room, "still there?");
        await().atMost(60, TimeUnit.SECONDS).until(() -> f.received("echo-1", "[matrix @ops] still there?") == 1);
        assertThat(f.pane("echo-1")).doesNotContain("flood ");
        f.stopService(); // writes the count of the window still open

        List<AuditLog.AuditEntry> refusals = log.read().stream().filter(e -> e.seq() > before)
                .filter(e -> e.record().actor().equals("matrix:" + EVE)).toList();
        assertThat(refusals).as("one record per sender and minute, with a count").hasSizeBetween(1, 2)
                .allSatisfy(e -> assertThat(e.record().result()).isEqualTo("refused: unknown sender"));
        long counted = refusals.stream().mapToLong(e -> ((Number) e.record().details().get("count")).longValue()).sum();
        // the homeserver hands a busy room's sync over with a gap, as a real one does: the count is of
        // the refusals Mos saw, each of which it answered
        long answered = f.botSaid(room).stream().filter(b -> b.contains("I don't know you")).count();
        assertThat(counted).isEqualTo(answered).isGreaterThanOrEqualTo(10);
        assertThat(log.read().stream().filter(e -> e.seq() > before)).as("the whole flood's audit cost").hasSizeLessThan(20);
        assertThat(f.cli(Map.of(), "mos", "audit", "--verify").code()).isZero();
    }
}
