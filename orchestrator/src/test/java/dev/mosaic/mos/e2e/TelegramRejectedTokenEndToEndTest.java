package dev.mosaic.mos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bot token Telegram rejects: one clear line in {@code mosaic mos status} and in the log, no
 * polling loop against the Bot API, and the service's other connector keeps answering.
 */
class TelegramRejectedTokenEndToEndTest extends RejectedTokenScenario {

    static final String RIGHT_TOKEN = "5550002222:AAthe-right-token";
    static final String WRONG_TOKEN = "5550002222:AAwrong-token-do-not-print";

    @Test
    void aRejectedTokenIsOneClearLineInStatusAndLogWhileTheConsoleKeepsWorking(@TempDir Path dir) throws Exception {
        TelegramServiceFixture f = startWithConsole(new TelegramServiceFixture(dir, RIGHT_TOKEN, WRONG_TOKEN, "", ""));

        awaitFailed("telegram", 30);
        // parked, not hammering Telegram: one getMe over a polling window, never a long poll
        await().during(3, TimeUnit.SECONDS).atMost(10, TimeUnit.SECONDS)
                .until(() -> f.telegram.requests("getMe") == 1);
        assertThat(f.telegram.requests("getUpdates")).isZero();

        assertOneClearStatusLine("telegram", "Telegram rejected the bot token (401", WRONG_TOKEN);
        assertOneLogWarning("telegram", WRONG_TOKEN);
        assertConsoleStillAnswers(Duration.ofSeconds(20));
    }
}
