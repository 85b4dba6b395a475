package dev.mosaic.mos.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.testkit.LoopbackConnector;
import dev.mosaic.fleet.audit.AuditHead;
import dev.mosaic.mos.testing.CliRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 row 8: Mos posts the audit chain head to the admins' conversation (at start, every 100
 * records, every hour), so a rewrite of the log on the machine is detectable from outside it.
 */
class AuditHeadNoticeTest {

    private static final Pattern HEAD = Pattern.compile("mosaic mos audit --verify --head (\\d+:[0-9a-f]{64})`");

    @TempDir
    Path dir;

    ServiceFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    /** The heads posted in the owner's DM so far, oldest first. */
    private List<AuditHead> posted(LoopbackConnector c) {
        return c.sentTexts("dm-100").stream().map(HEAD::matcher).filter(Matcher::find)
                .map(m -> AuditHead.parse(m.group(1))).toList();
    }

    private void verifies(AuditHead head) {
        CliRun run = f.cli(Map.of(), "mos", "audit", "--verify", "--head", head.toString());
        assertThat(run.code()).as(run.out() + run.err()).isZero();
    }

    @Test
    void theChainHeadIsPostedToTheAdminsEvery100RecordsEveryHourAndAtStartAndVerifies() throws Exception {
        f = new ServiceFixture(dir);
        f.start();
        LoopbackConnector c = f.chat();
        assertThat(f.dm("100", "whoami")).contains("You are owner");
        for (int i = 0; i < 100; i++) {
            c.say(c.user("200"), c.dm("dm-200"), "whoami");
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> posted(c).size() == 1);
        AuditHead first = posted(c).get(0);
        assertThat(first.seq()).isGreaterThanOrEqualTo(101);
        String text = c.sentTexts("dm-100").stream().filter(t -> t.contains("Audit chain head")).findFirst().orElseThrow();
        assertThat(text).contains("proves later that nobody rewrote Mos's audit log");
        verifies(first);

        // an hour later, with the log grown by a record: posted again
        assertThat(f.dm("200", "whoami")).contains("You are ops");
        f.clock.advance(Duration.ofMinutes(61));
        await().atMost(10, TimeUnit.SECONDS).until(() -> posted(c).size() == 2);
        assertThat(posted(c).get(1).seq()).isGreaterThan(first.seq());
        verifies(posted(c).get(1));

        // and at start, to the admins' conversation remembered from before
        f.stopService();
        f.start();
        LoopbackConnector again = f.chat();
        await().atMost(10, TimeUnit.SECONDS).until(() -> posted(again).size() == 1);
        AuditHead atStart = posted(again).get(0);
        assertThat(atStart.seq()).isGreaterThan(posted(c).get(1).seq());
        verifies(atStart);
        assertThat(again.sent()).filteredOn(m -> m.text().contains("Audit chain head"))
                .allSatisfy(m -> assertThat(m.conversation()).isEqualTo(again.dm("dm-100")));
    }
}
