package dev.mosaic.connector.slack;

import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Roster validation of {@code connectors.slack} and of Slack principal ids. */
class SlackSettingsTest {

    private static SlackSettings settings(Map<String, Object> values) throws ConnectorException {
        return SlackSettings.from(new ConnectorConfig("slack", values));
    }

    private static String error(Map<String, Object> values) {
        return catchThrowableOfType(ConnectorException.class, () -> settings(values)).getMessage();
    }

    @Test
    void socketModeIsTheDefaultAndChannelsMayBeAListOrCommaSeparated() throws Exception {
        SlackSettings s = settings(Map.of("botToken", "xoxb-1", "appToken", "xapp-1", "channels", List.of("C01", "G02, C03")));
        assertThat(s.mode()).isEqualTo(SlackSettings.Mode.SOCKET);
        assertThat(s.channelIds()).containsExactlyInAnyOrder("C01", "G02", "C03");
        assertThat(s.apiBase()).isEqualTo("https://slack.com/api/");
        assertThat(s.toString()).doesNotContain("xoxb-1").doesNotContain("xapp-1");
    }

    @Test
    void badValuesAreNamedWithTheirKeyAndTokensAreNeverEchoed() {
        assertThat(error(Map.of("botToken", "xapp-secret", "appToken", "xapp-1", "channels", "C01")))
                .contains("connectors.slack.botToken").contains("xoxb-").doesNotContain("xapp-secret");
        assertThat(error(Map.of("botToken", "xoxb-1", "channels", "C01")))
                .contains("connectors.slack.appToken is required");
        assertThat(error(Map.of("botToken", "xoxb-1", "appToken", "xapp-1", "channels", "#general")))
                .contains("connectors.slack.channels").contains("'#general'");
        assertThat(error(Map.of("botToken", "xoxb-1", "appToken", "xapp-1"))).contains("connectors.slack.channels is required");
        assertThat(error(Map.of("botToken", "xoxb-1", "appToken", "xapp-1", "channels", "C01", "mode", "webhook")))
                .contains("connectors.slack.mode must be socket or http, was 'webhook'");
        assertThat(error(Map.of("botToken", "xoxb-1", "channels", "C01", "mode", "http")))
                .contains("connectors.slack.signingSecret is required in http mode");
        assertThat(error(Map.of("botToken", "xoxb-1", "appToken", "xapp-1", "channels", "C01", "apiBase", "slack.com")))
                .contains("connectors.slack.apiBase must be an absolute http(s):// URL");
    }

    @Test
    void httpModeNeedsNoAppToken() throws Exception {
        SlackSettings s = settings(Map.of("botToken", "xoxb-1", "channels", "C01", "mode", "HTTP", "signingSecret", "s3",
                "port", "8081", "apiBase", "http://127.0.0.1:9/api"));
        assertThat(s.mode()).isEqualTo(SlackSettings.Mode.HTTP);
        assertThat(s.port()).isEqualTo(8081);
        assertThat(s.apiBase()).isEqualTo("http://127.0.0.1:9/api/");
        assertThat(s.apiOnLoopback()).isTrue();
        assertThat(s.toString()).doesNotContain("s3");
    }

    @Test
    void theRosterCheckNamesWhatIsMissingForTheChosenMode() {
        SlackConnectorProvider p = new SlackConnectorProvider();
        assertThat(check(p, Map.of("botToken", "${env:B}", "appToken", "${env:A}", "channels", List.of("C01")))).isNull();
        assertThat(check(p, Map.of("botToken", "${env:B}", "channels", "C01")))
                .contains("connectors.slack.appToken is required in Socket Mode");
        assertThat(check(p, Map.of("botToken", "${env:B}", "channels", "C01", "mode", "http")))
                .contains("connectors.slack.signingSecret is required in http mode");
        assertThat(check(p, Map.of("botToken", "${env:B}", "channels", "C01", "mode", "http", "signingSecret", "${env:S}")))
                .isNull();
        assertThat(check(p, Map.of("appToken", "${env:A}", "channels", "C01")))
                .isEqualTo("connectors.slack.botToken is required but not set");
        assertThat(check(p, Map.of("botToken", "${env:B}", "appToken", "${env:A}", "channels", "C01, #ops")))
                .contains("'#ops' is not a Slack channel id");
        assertThat(check(p, Map.of("botToken", "${env:B}", "appToken", "${env:A}", "channels", "C01", "mode", "ws")))
                .contains("connectors.slack.mode must be socket or http, was 'ws'");
    }

    private static String check(SlackConnectorProvider p, Map<String, Object> values) {
        try {
            p.checkConfig(values);
            return null;
        } catch (ConnectorException e) {
            return e.getMessage();
        }
    }

    @Test
    void principalsAreSlackUserIds() {
        SlackConnectorProvider p = new SlackConnectorProvider();
        assertThat(p.checkPrincipalId("U012AB3CDE")).isEmpty();
        assertThat(p.checkPrincipalId("W012AB3CDE")).isEmpty();
        assertThat(p.checkPrincipalId("@alice")).hasValueSatisfying(m -> assertThat(m).contains("U012AB3CDE"));
        assertThat(p.checkPrincipalId("u012ab3cde")).isPresent();
        assertThat(p.checkPrincipalId("C0123ABCD")).isPresent();
    }

    @Test
    void theDeclaredFieldsMarkEverySecretAndAskForEveryKeyTheConnectorReads() {
        List<ConfigField> fields = new SlackConnectorProvider().configFields();
        assertThat(fields).extracting(ConfigField::key)
                .containsExactly("botToken", "appToken", "channels", "mode", "signingSecret", "port", "apiBase");
        assertThat(fields).filteredOn(ConfigField::secret).extracting(ConfigField::key)
                .containsExactlyInAnyOrder("botToken", "appToken", "signingSecret");
        assertThat(fields).allSatisfy(f -> assertThat(f.prompt()).contains("Slack").isNotBlank());
    }
}
