package dev.mosaic.mos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code deploy/slack/manifest.yaml}, the app a user creates by pasting it into Slack, asks for
 * everything the connector relies on: Socket Mode, interactivity for the buttons, {@code /mos},
 * the events it handles and the scopes its Web API calls need.
 */
class SlackManifestTest {

    @Test
    @SuppressWarnings("unchecked")
    void theManifestEnablesEverythingTheConnectorUses() throws Exception {
        Path file = Path.of("..", "deploy", "slack", "manifest.yaml");
        Map<String, Object> m = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));

        Map<String, Object> features = (Map<String, Object>) m.get("features");
        Map<String, Object> settings = (Map<String, Object>) m.get("settings");
        List<Map<String, Object>> commands = (List<Map<String, Object>>) features.get("slash_commands");
        assertThat(commands).extracting(c -> c.get("command")).containsExactly("/mos");
        assertThat(((Map<String, Object>) features.get("app_home")).get("messages_tab_enabled")).isEqualTo(true);
        assertThat(settings.get("socket_mode_enabled")).isEqualTo(true);
        assertThat(((Map<String, Object>) settings.get("interactivity")).get("is_enabled")).isEqualTo(true);
        assertThat((List<String>) ((Map<String, Object>) settings.get("event_subscriptions")).get("bot_events"))
                .contains("app_mention", "message.channels", "message.groups", "message.im");
        Map<String, Object> oauth = (Map<String, Object>) m.get("oauth_config");
        assertThat((List<String>) ((Map<String, Object>) oauth.get("scopes")).get("bot"))
                .contains("app_mentions:read", "channels:history", "groups:history", "im:history", "chat:write",
                        "commands", "files:write");
    }
}
