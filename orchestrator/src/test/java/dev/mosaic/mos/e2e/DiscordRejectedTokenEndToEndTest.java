package dev.mosaic.mos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bot token Discord rejects: one clear error in {@code mosaic mos status} and in the log, no
 * retry loop against Discord, and the service's other connector keeps answering.
 */
class DiscordRejectedTokenEndToEndTest extends RejectedTokenScenario {

    static final String RIGHT_TOKEN = "MTEy.the-right-token.x";
    static final String WRONG_TOKEN = "MTEy.wrong-token.do-not-print";

    @Test
    void aRejectedTokenIsOneClearErrorInStatusAndLogWhileTheConsoleKeepsWorking(@TempDir Path dir) throws Exception {
        DiscordServiceFixture f = startWithConsole(new DiscordServiceFixture(dir, RIGHT_TOKEN, WRONG_TOKEN, "", "", ""));

        awaitFailed("discord", 30);
        // parked, not hammering Discord: one login attempt over a polling window, no gateway session
        await().during(3, TimeUnit.SECONDS).atMost(10, TimeUnit.SECONDS)
                .until(() -> f.discord.requests("GET /users/@me") == 1);
        assertThat(f.discord.identifies()).isZero();

        assertOneClearStatusLine("discord", "Discord rejected the bot token (401", WRONG_TOKEN);
        assertOneLogWarning("discord", WRONG_TOKEN);
        assertConsoleStillAnswers(Duration.ofSeconds(20));
    }
}
