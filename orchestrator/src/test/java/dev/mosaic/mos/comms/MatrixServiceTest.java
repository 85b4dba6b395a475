package dev.mosaic.mos.comms;

import static dev.mosaic.mos.comms.MatrixServiceFixture.EVE;
import static dev.mosaic.mos.comms.MatrixServiceFixture.OPS;
import static dev.mosaic.mos.comms.MatrixServiceFixture.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.matrix.fake.FakeHomeserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mos over Matrix end to end: the real service, the real connector, the fake homeserver, real tmux agents. */
class MatrixServiceTest {

    @TempDir
    Path dir;

    MatrixServiceFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new MatrixServiceFixture(dir, "tmux");
        f.start();
        f.startFleet();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void anAllowedUsersCommandsGetAnswersAndAnUnknownUserIsRefused() {
        f.hs.userSends(OWNER, f.mainRoom, "!mos ps");
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(f.botSaid(f.mainRoom))
                .anySatisfy(b -> assertThat(b).contains("mos", "echo-1", "echo-2", "running")));

        f.hs.userSends(EVE, f.mainRoom, "!mos send echo-1 rm -rf /");
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(f.botSaid(f.mainRoom))
                .anySatisfy(b -> assertThat(b).contains("I don't know you", EVE)));
        assertThat(f.pane("echo-1")).doesNotContain("rm -rf");
    }

    @Test
    void aServiceRestartExecutesNothingTwiceAndRunsNoStaleCommand() {
        String first = f.hs.userSends(OPS, f.mainRoom, "!mos send echo-1 first-order");
        await().atMost(20, TimeUnit.SECONDS).until(() -> f.received("echo-1", "first-order") == 1);
        await().atMost(10, TimeUnit.SECONDS).until(() -> f.hs.receipts(f.mainRoom).contains(first));

        f.stopService();
        // a command said while Mos was down is not run after the restart (offlineCommands: tell), and
        // its sender is told so
        f.hs.userSends(OPS, f.mainRoom, "!mos send echo-1 while-down");
        f.start();
        // the homeserver sends the already handled event once more, as after a sync gap
        f.hs.redeliver(first);
        String marker = f.hs.userSends(OPS, f.mainRoom, "!mos send echo-1 after-restart");
        await().atMost(20, TimeUnit.SECONDS).until(() -> f.received("echo-1", "after-restart") == 1);
        await().atMost(10, TimeUnit.SECONDS).until(() -> f.hs.receipts(f.mainRoom).contains(marker));

        assertThat(f.received("echo-1", "first-order")).isEqualTo(1);
        assertThat(f.received("echo-1", "while-down")).isZero();
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(f.botSaid(f.mainRoom))
                .anySatisfy(b -> assertThat(b).contains("I was offline when you sent this at", "did not run it")));
        assertThat(f.botSaid(f.mainRoom).stream().filter(b -> b.contains("delivered to echo-1"))).hasSize(2);
        assertThat(f.cli(java.util.Map.of(), "mos", "audit", "--verify").code()).isZero();
    }

    @Test
    void aRateLimitedReplyIsSentAgainAfterRetryAfterMs() {
        f.hs.rateLimitNextSends(1, 800);
        long before = System.nanoTime();
        // an unknown sender gets a reply and no acknowledgement, so the first send is that reply
        f.hs.userSends(EVE, f.mainRoom, "!mos whoami");
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(f.botSaid(f.mainRoom))
                .anySatisfy(b -> assertThat(b).contains("I don't know you")));

        List<FakeHomeserver.Request> sends = f.hs.requests().stream()
                .filter(r -> r.receivedNanos() > before && r.method().equals("PUT") && r.path().contains("/send/"))
                .toList();
        assertThat(sends).hasSizeGreaterThanOrEqualTo(2);
        Duration waited = Duration.ofNanos(sends.get(1).receivedNanos() - sends.get(0).receivedNanos());
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(800));
        // the retry reused the transaction id: exactly one reply in the room
        assertThat(f.botSaid(f.mainRoom).stream().filter(b -> b.contains("I don't know you"))).hasSize(1);
    }

    @Test
    void anAdminSwitchesCommsFromChatAfterConfirmingAndTheAgentRoomsAppear() {
        f.hs.userSends(OWNER, f.mainRoom, "!mos comms matrix");
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(f.botSaid(f.mainRoom))
                .anySatisfy(b -> assertThat(b).contains("confirm ")));
        String ask = f.botSaid(f.mainRoom).stream().filter(b -> b.contains("confirm ")).findFirst().orElseThrow();
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("confirm (\\S+?)`").matcher(ask);
        assertThat(code.find()).as(ask).isTrue();

        f.hs.userSends(OWNER, f.mainRoom, "!mos confirm " + code.group(1));
        await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(f.botSaid(f.mainRoom))
                .anySatisfy(b -> assertThat(b).contains("comms switched from tmux to matrix")));
        // the service picks the switch up and gives each agent its room, inviting the operators
        String room = f.agentRoom("echo-2", OPS);
        f.hs.userSends(OPS, room, "hello from ops");
        await().atMost(20, TimeUnit.SECONDS).until(() -> f.received("echo-2", "[matrix @ops] hello from ops") == 1);
    }
}
