package dev.mosaic.connector.telegram;

import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelegramSettingsTest {

    static final String TOKEN = "123456789:AAsecret-part_of_token";

    private static TelegramSettings from(Map<String, Object> values) throws ConnectorException {
        return TelegramSettings.from(new ConnectorConfig("telegram", values));
    }

    @Test
    void readsChatsAsAListOrCommaSeparatedAndDefaultsToTheRealBotApi() throws Exception {
        TelegramSettings s = from(Map.of("token", TOKEN, "chats", List.of("-1001234567890", "-42, -43")));
        assertThat(s.chatIds()).containsExactlyInAnyOrder("-1001234567890", "-42", "-43");
        assertThat(s.apiBase()).isEqualTo("https://api.telegram.org:443");
        assertThat(s.toString()).doesNotContain("secret");

        TelegramSettings local = from(Map.of("token", TOKEN, "apiBase", "http://127.0.0.1:8081/"));
        assertThat(local.chatIds()).as("direct messages only").isEmpty();
        assertThat(local.telegramUrl().getPort()).isEqualTo(8081);
        assertThat(local.telegramUrl().getSchema()).isEqualTo("http");
    }

    @Test
    void badValuesAreNamedWithoutLeakingTheToken() {
        assertThatThrownBy(() -> from(Map.of("token", "not a token " + TOKEN)))
                .hasMessageContaining("connectors.telegram.token does not look like a bot token")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> from(Map.of("chats", "-1")))
                .hasMessageContaining("connectors.telegram.token is required");
        assertThatThrownBy(() -> from(Map.of("token", TOKEN, "chats", "@fleetops")))
                .hasMessageContaining("connectors.telegram.chats must hold numeric Telegram chat ids").hasMessageContaining("@fleetops");
        assertThatThrownBy(() -> from(Map.of("token", TOKEN, "apiBase", "http://127.0.0.1:8081/bot")))
                .hasMessageContaining("connectors.telegram.apiBase takes no path");
        assertThatThrownBy(() -> from(Map.of("token", TOKEN, "apiBase", "ftp://example.org")))
                .hasMessageContaining("must be an absolute http(s):// URL");
    }

    @Test
    void theRosterBlockIsCheckedAsWrittenWithTheTokenStillAReference() throws Exception {
        TelegramConnectorProvider p = new TelegramConnectorProvider();
        java.util.Map<String, Object> ok = new java.util.HashMap<>();
        ok.put("token", "${env:TELEGRAM_BOT_TOKEN}");
        ok.put("chats", List.of("-1001234567890"));
        ok.put("apiBase", null);
        p.checkConfig(ok);
        assertThatThrownBy(() -> p.checkConfig(Map.of("chats", "-1"))).hasMessageContaining("connectors.telegram.token is required");
        assertThatThrownBy(() -> p.checkConfig(Map.of("token", "${env:T}", "chats", List.of("fleet-ops"))))
                .hasMessageContaining("connectors.telegram.chats must hold numeric Telegram chat ids").hasMessageContaining("fleet-ops");
        assertThatThrownBy(() -> p.checkConfig(Map.of("token", "${env:T}", "apiBase", "api.telegram.org")))
                .hasMessageContaining("connectors.telegram.apiBase must be an absolute http(s):// URL");
    }

    @Test
    void principalsAreNumericUserIdsNeverUsernames() {
        TelegramConnectorProvider p = new TelegramConnectorProvider();
        assertThat(p.checkPrincipalId("123456789")).isEmpty();
        assertThat(p.checkPrincipalId("@ops")).hasValueSatisfying(m -> assertThat(m).contains("numeric Telegram user id"));
        assertThat(p.checkPrincipalId("-100123")).as("a group id is not a person").isPresent();
        assertThat(p.checkPrincipalId("0")).isPresent();
    }

    @Test
    void declaresEveryRosterKeyWithTheTokenAsASecret() {
        List<ConfigField> fields = new TelegramConnectorProvider().configFields();
        assertThat(fields).extracting(ConfigField::key).containsExactly("token", "chats", "apiBase");
        assertThat(fields.get(0).secret()).isTrue();
        assertThat(fields.get(0).required()).isTrue();
        assertThat(fields).allSatisfy(f -> assertThat(f.prompt()).isNotBlank());
        assertThat(new TelegramConnectorProvider().type()).isEqualTo("telegram");
    }
}
