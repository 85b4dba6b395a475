package dev.mosaic.mos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bot token Slack rejects ({@code invalid_auth}): one clear line in {@code mosaic mos status} and
 * in the log, no retry loop against Slack, and the service's other connector keeps answering.
 */
class SlackRejectedTokenEndToEndTest extends RejectedTokenScenario {

    static final String RIGHT_TOKEN = "xoxb-the-right-token";
    static final String WRONG_TOKEN = "xoxb-wrong-token-do-not-print";

    @Test
    void aRejectedTokenIsOneClearStatusLineWhileTheConsoleKeepsWorking(@TempDir Path dir) throws Exception {
        SlackServiceFixture f = startWithConsole(new SlackServiceFixture(dir, RIGHT_TOKEN, WRONG_TOKEN, "", ""));

        awaitFailed("slack", 60);
        // parked, not hammering Slack: one auth.test over a polling window, no socket
        await().during(3, TimeUnit.SECONDS).atMost(15, TimeUnit.SECONDS)
                .until(() -> f.slack.requests("auth.test") == 1);
        assertThat(f.slack.connections()).isZero();

        assertOneClearStatusLine("slack", "Slack rejected the bot token (invalid_auth on auth.test)", WRONG_TOKEN);
        assertOneLogWarning("slack", WRONG_TOKEN);
        assertConsoleStillAnswers(Duration.ofSeconds(30));
    }
}
