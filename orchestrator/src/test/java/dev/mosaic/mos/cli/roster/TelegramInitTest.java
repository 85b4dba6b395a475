package dev.mosaic.mos.cli.roster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.mos.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fleet init --connector telegram}: flags generated from the Telegram connector's declared fields. */
class TelegramInitTest {

    @TempDir
    Path home;

    private Path roster() {
        return home.resolve("fleet/roster.yaml");
    }

    @Test
    void flagsWriteATelegramBlockWithTheTokenAsAReferenceAndTheOwnerByNumericId() throws Exception {
        CliRun r = CliRun.inHome(home, "fleet", "init", "--preset", "demo", "--connector", "telegram",
                "--telegram-token-env", "TELEGRAM_BOT_TOKEN", "--telegram-chats", "-1001234567890",
                "--owner-id", "123456789", "--yes");

        assertThat(r.code()).as(r.err()).isZero();
        String text = Files.readString(roster());
        assertThat(text).contains("telegram:", "token: \"${env:TELEGRAM_BOT_TOKEN}\"", "-1001234567890",
                "telegram: \"123456789\"").doesNotContain("apiBase");
        CliRun config = CliRun.inHome(home, Map.of("TELEGRAM_BOT_TOKEN", "123:AAsekrit-value"), "fleet", "config", "--json");
        assertThat(config.code()).as(config.err()).isZero();
        assertThat(config.out()).doesNotContain("sekrit-value");
        assertThat(CliRun.inHome(home, "fleet", "init", "--help").out()).contains("--telegram-chats", "--telegram-token-env");
    }

    @Test
    void aUsernameAsOwnerIdIsAUsageErrorSayingWhatIsExpected() {
        CliRun r = CliRun.inHome(home, "fleet", "init", "--preset", "demo", "--connector", "telegram",
                "--telegram-token-env", "TELEGRAM_BOT_TOKEN", "--owner-id", "@alice", "--yes");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("numeric Telegram user id");
        assertThat(roster()).doesNotExist();
    }

    @Test
    void aBadChatIdIsRefusedBeforeAnythingIsWritten() {
        CliRun r = CliRun.inHome(home, "fleet", "init", "--preset", "demo", "--connector", "telegram",
                "--telegram-token-env", "TELEGRAM_BOT_TOKEN", "--telegram-chats", "fleet-ops", "--yes");

        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("connectors.telegram.chats must hold numeric Telegram chat ids");
        assertThat(roster()).doesNotExist();
    }
}
