package dev.mosaic.mos.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.testkit.LoopbackConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 row 16: a command sent while Mos was down is never dropped without a word. Only the
 * very first start skips history; after a restart the roster's {@code offlineCommands} decides.
 */
class OfflineCommandsTest {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    @AutoClose
    ServiceFixture f;

    private static InboundMessage sentAt(LoopbackConnector c, String id, String user, String text, Instant at) {
        return new InboundMessage(id, c.dm("dm-" + user), c.user(user), text, at, Addressing.DIRECT);
    }

    @Test
    void aCommandSentWhileMosWasDownIsAnsweredAfterTheRestartNotRunAndHistoryStaysHistory() throws Exception {
        f = new ServiceFixture(dir);
        f.startWithFleet();
        LoopbackConnector first = f.chat();
        // the very first start skips what was said before it
        first.say(sentAt(first, "before-first-start", "200", "send echo-1 ancient", f.clock.instant().minusSeconds(60)));
        assertThat(f.dm("200", "whoami")).as("the next reply answers the probe").contains("You are ops");

        f.stopService();
        Instant down = f.clock.instant();
        f.clock.advance(Duration.ofMinutes(5));
        f.start();
        LoopbackConnector c = f.chat();
        Instant whileDown = down.plus(Duration.ofMinutes(2));
        InboundMessage missed = c.say(sentAt(c, "while-down", "200", "send echo-1 missed-order", whileDown));
        OutboundMessage told = c.awaitReply(Duration.ofSeconds(20));
        assertThat(told.inReplyTo()).isEqualTo(missed.messageId());
        assertThat(told.text()).contains("I was offline when you sent this at " + HH_MM.format(whileDown)
                + " UTC and did not run it; send it again if you still want it.");
        // history from before the previous run's end is still history
        c.say(sentAt(c, "before-the-last-run", "200", "send echo-1 older-history", down.minusSeconds(30)));
        assertThat(f.dm("200", "whoami")).contains("You are ops");
        assertThat(f.pane("echo-1")).doesNotContain("missed-order").doesNotContain("older-history")
                .doesNotContain("ancient");
        assertThat(f.cli(java.util.Map.of(), "mos", "audit", "--json").out())
                .contains("refused: sent while Mos was offline");
    }

    @Test
    void runIfYoungerThanRunsARecentCommandAndSaysItRanLateAndTellsAboutAnOlderOne() throws Exception {
        f = new ServiceFixture(dir);
        Files.writeString(f.rosterFile, f.roster("c1").replace("  name: mos\n",
                "  name: mos\n  offlineCommands: { run-if-younger-than: 10m }\n"));
        f.startWithFleet();
        f.stopService();
        Instant down = f.clock.instant();
        f.clock.advance(Duration.ofMinutes(15));
        f.start();
        LoopbackConnector c = f.chat();
        Instant old = down.plus(Duration.ofMinutes(1));
        Instant recent = down.plus(Duration.ofMinutes(12));
        c.say(sentAt(c, "old", "200", "send echo-1 too-old-to-run", old));
        c.say(sentAt(c, "recent", "200", "send echo-1 young-enough", recent));

        assertThat(c.awaitReply(Duration.ofSeconds(20)).text()).as("14 minutes old: told, not run")
                .contains("I was offline when you sent this at " + HH_MM.format(old));
        String ran = c.awaitReply(Duration.ofSeconds(20)).text();
        assertThat(ran).contains("delivered to echo-1")
                .contains("This ran late: you sent it at " + HH_MM.format(recent) + " UTC, while I was offline.");
        await().atMost(10, TimeUnit.SECONDS).until(() -> f.pane("echo-1").contains("echo-1 got: young-enough"));
        assertThat(f.pane("echo-1")).doesNotContain("too-old-to-run");
    }
}
