package dev.mosaic.mos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.mos.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fleet init --connector slack}: the flags generated from the Slack provider's fields write
 * the roster block of docs/connectors/slack.md (tokens only as references), the owner's Slack id is
 * checked, and a second init with another connector keeps the Slack block.
 */
class SlackInitTest {

    @TempDir
    Path home;

    private String roster() throws Exception {
        return Files.readString(home.resolve("fleet/roster.yaml"));
    }

    @Test
    void initWritesTheSlackBlockWithReferencesAndASecondConnectorIsAddedBesideIt() throws Exception {
        CliRun init = CliRun.inHome(home, "fleet", "init", "--preset", "demo", "--connector", "slack",
                "--slack-bot-token-env", "SLACK_BOT_TOKEN", "--slack-app-token-env", "SLACK_APP_TOKEN",
                "--slack-channels", "C0123ABCD", "--owner-id", "U012AB3CDE", "--yes");

        assertThat(init.code()).as(init.err()).isZero();
        String text = roster();
        assertThat(text).contains("slack:", "botToken: \"${env:SLACK_BOT_TOKEN}\"", "appToken: \"${env:SLACK_APP_TOKEN}\"",
                "C0123ABCD", "slack: U012AB3CDE").doesNotContain("apiBase").doesNotContain("port:");
        CliRun list = CliRun.inHome(home, "fleet", "agent", "list");
        assertThat(list.code()).as(list.err()).isZero();

        CliRun second = CliRun.inHome(home, "fleet", "init", "--preset", "demo", "--connector", "discord",
                "--discord-guild", "1112631390438166618", "--discord-channel", "1517622518662434996",
                "--discord-token-env", "DISCORD_BOT_TOKEN", "--owner-id", "123456789012345678", "--yes");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(roster()).contains("slack:", "discord:", "token: \"${env:DISCORD_BOT_TOKEN}\"")
                .containsPattern("botToken: \"?\\$\\{env:SLACK_BOT_TOKEN}\"?")
                .containsPattern("appToken: \"?\\$\\{env:SLACK_APP_TOKEN}\"?")
                .containsPattern("slack: \"?U012AB3CDE").containsPattern("discord: [\"']?123456789012345678");
        CliRun again = CliRun.inHome(home, "fleet", "agent", "list");
        assertThat(again.code()).as(again.err()).isZero();
    }

    @Test
    void aSlackOwnerIdThatIsNoMemberIdAndAMissingAppTokenAreUsageErrors() {
        CliRun badOwner = CliRun.inHome(home, "fleet", "init", "--preset", "demo", "--connector", "slack",
                "--slack-bot-token-env", "SLACK_BOT_TOKEN", "--slack-app-token-env", "SLACK_APP_TOKEN",
                "--slack-channels", "C0123ABCD", "--owner-id", "@alice", "--yes");
        assertThat(badOwner.code()).isEqualTo(2);
        assertThat(badOwner.err()).contains("@alice").contains("Slack user id");

        CliRun noAppToken = CliRun.inHome(home, "fleet", "init", "--preset", "demo", "--connector", "slack",
                "--slack-bot-token-env", "SLACK_BOT_TOKEN", "--slack-channels", "C0123ABCD", "--owner-id",
                "U012AB3CDE", "--yes");
        assertThat(noAppToken.code()).isEqualTo(2);
        assertThat(noAppToken.err()).contains("connectors.slack.appToken is required in Socket Mode");
    }
}
