package dev.mosaic.mos.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.testkit.LoopbackConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 row 17: a stop lets the commands in flight finish and answer; a command cut off by a
 * crash is reported to its sender after the restart.
 */
class ShutdownTest {

    @TempDir
    Path dir;

    @AutoClose
    ServiceFixture f;

    private Path journal() {
        return f.home.resolve("mos/state/in-flight.json");
    }

    /** Starts a send to echo-1 that waits (2 s) for a person typing into it; returns the message. */
    private InboundMessage slowSend(LoopbackConnector c, String text) throws Exception {
        f.service.fleet().typingLease().humanTyped("echo-1");
        InboundMessage m = c.say(c.user("200"), c.dm("dm-200"), "send echo-1 " + text);
        await().atMost(10, TimeUnit.SECONDS).until(() -> Files.exists(journal())
                && Files.readString(journal()).contains(text));
        return m;
    }

    @Test
    void aSlowCommandInFlightWhenTheServiceStopsStillRunsAndGetsItsReply() throws Exception {
        f = new ServiceFixture(dir);
        f.startWithFleet();
        LoopbackConnector c = f.chat();
        InboundMessage m = slowSend(c, "finish-before-stopping");
        assertThat(c.replies()).as("still in flight when the stop begins").isEmpty();

        f.stopService();

        assertThat(c.replies()).singleElement().satisfies(r -> {
            assertThat(r.inReplyTo()).isEqualTo(m.messageId());
            assertThat(r.text()).contains("delivered to echo-1");
        });
        assertThat(f.pane("echo-1")).contains("echo-1 got: finish-before-stopping");
        assertThat(Files.readString(journal())).doesNotContain("finish-before-stopping");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal()))).isEqualTo("rw-------");
    }

    @Test
    void aCommandCutOffByACrashIsReportedToItsSenderAfterTheRestart() throws Exception {
        f = new ServiceFixture(dir);
        f.startWithFleet();
        LoopbackConnector c = f.chat();
        InboundMessage m = slowSend(c, "cut-short");
        // what a crash at this moment leaves behind: the journal with the command in flight
        String leftBehind = Files.readString(journal());
        f.stopService();
        Files.writeString(journal(), leftBehind);

        f.start();
        LoopbackConnector again = f.chat();
        OutboundMessage notice = again.awaitReply(Duration.ofSeconds(20));
        String sent = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC).format(m.sentAt());
        assertThat(notice.conversation()).isEqualTo(c.dm("dm-200"));
        assertThat(notice.inReplyTo()).isEqualTo(m.messageId());
        assertThat(notice.text()).isEqualTo("Mos stopped while running your `send echo-1 cut-short` (sent " + sent
                + " UTC); it may or may not have completed — check with `status`.");
        await().atMost(5, TimeUnit.SECONDS).until(() -> !Files.readString(journal()).contains("cut-short"));
        assertThat(f.cli(Map.of(), "mos", "audit", "--json").out()).contains("chat.cut-off", "reported after restart");

        // said once: the next restart has nothing to report
        f.stopService();
        f.start();
        LoopbackConnector third = f.chat();
        // a fresh loopback platform numbers its messages from 1 again: the probe gets an id of its own
        InboundMessage probe = third.say(new InboundMessage("probe-after-second-restart", third.dm("dm-200"),
                third.user("200"), "whoami", f.clock.instant(), dev.mosaic.connector.Addressing.DIRECT));
        OutboundMessage next = third.awaitReply(Duration.ofSeconds(20));
        assertThat(next.inReplyTo()).isEqualTo(probe.messageId());
        assertThat(third.replyTexts()).noneMatch(t -> t.contains("Mos stopped while running"));
    }
}
