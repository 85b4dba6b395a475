package dev.mosaic.mos.service;

import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.testkit.LoopbackConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application layer inside the real service: conversations are served independently, and a
 * destructive operation whose audit record cannot be written is refused before it acts.
 */
class ServiceApplicationTest {

    @TempDir
    static Path dir;

    @AutoClose
    static ServiceFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new ServiceFixture(dir);
        f.startWithFleet();
    }

    @Test
    void aSlowOperationInOneConversationDoesNotDelayAReplyInAnother() {
        LoopbackConnector c = f.chat();
        // a person is typing into echo-1 from the web page: a send to it waits for the pause (2 s)
        f.service.fleet().typingLease().humanTyped("echo-1");
        long t0 = System.nanoTime();
        c.say(c.user("200"), c.dm("dm-200"), "send echo-1 after the pause");
        c.say(c.user("100"), c.dm("dm-100"), "ps");

        OutboundMessage first = c.awaitReply(Duration.ofSeconds(20));
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        OutboundMessage second = c.awaitReply(Duration.ofSeconds(30));

        assertThat(first.conversation().id()).as("the ps in another conversation answers first").isEqualTo("dm-100");
        assertThat(first.text()).contains("echo-1", "echo-2");
        assertThat(firstMs).as("ps did not wait for the held send").isLessThan(1_500);
        assertThat(second.conversation().id()).isEqualTo("dm-200");
        assertThat(second.text()).contains("delivered to echo-1");
        await().atMost(10, TimeUnit.SECONDS).until(() -> f.pane("echo-1").contains("echo-1 got: after the pause"));
    }

    @Test
    void aDestructiveOperationIsRefusedBeforeItActsWhenItsAuditRecordCannotBeWritten() throws Exception {
        String ask = f.dm("100", "remove echo-2");
        String code = ask.replaceAll("(?s).*`confirm (\\d{4})`.*", "$1");
        Path log = f.service.env().auditLog();
        Path aside = log.resolveSibling("audit.jsonl.aside");
        Files.move(log, aside);
        Files.createDirectories(log); // the audit log path is now a directory: nothing can be appended
        try {
            String refused = f.dm("100", "confirm " + code);
            assertThat(refused).contains("`remove echo-2` was refused because its audit record cannot be written",
                    "Nothing was done");
            assertThat(Files.readString(f.rosterFile)).as("the roster still has echo-2").contains("name: echo-2");

            assertThat(f.dm("100", "stop all")).as("no code is handed out for what would be refused")
                    .contains("audit record cannot be written").doesNotContain("confirm ");
            assertThat(f.pane("echo-1")).contains("echo-1 ready");
            assertThat(f.dm("100", "ps")).as("reads still work").contains("echo-2");
        } finally {
            Files.delete(log);
            Files.move(aside, log);
        }
    }
}
