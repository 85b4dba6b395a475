package dev.mosaic.connector.discord;

import dev.mosaic.connector.ConfigField;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading connectors.discord from the roster: what is accepted and how mistakes are named. */
class DiscordSettingsTest {

    static ConnectorConfig config(Map<String, Object> values) {
        return new ConnectorConfig("discord", values);
    }

    @Test
    void providerIsFoundByServiceLoaderWithItsRosterKeys() {
        ConnectorProvider provider = ServiceLoader.load(ConnectorProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.type().equals("discord")).findFirst().orElseThrow();
        assertThat(provider.configFields()).extracting(ConfigField::key)
                .containsExactly("token", "guild", "channel", "channels", "prefix", "messageContent", "apiBase", "gatewayUrl");
        assertThat(provider.configFields()).filteredOn(ConfigField::secret).extracting(ConfigField::key)
                .containsExactly("token");
    }

    @Test
    void channelsMayBeAListACommaListOrTheSingularKey() throws Exception {
        DiscordSettings s = DiscordSettings.from(config(Map.of("token", "Bot abc.def", "guild", "1112631390438166618",
                "channels", List.of("111111111111111111", "222222222222222222, 333333333333333333"),
                "channel", "444444444444444444")));
        assertThat(s.channelIds()).containsExactlyInAnyOrder("111111111111111111", "222222222222222222",
                "333333333333333333", "444444444444444444");
        assertThat(s.token()).isEqualTo("abc.def");
        assertThat(s.prefix()).isEqualTo("!mos");
        assertThat(s.messageContent()).isFalse();
        assertThat(s.toString()).doesNotContain("abc.def");
    }

    @Test
    void mistakesNameTheKeyAndArePermanent() {
        assertThatThrownBy(() -> DiscordSettings.from(config(Map.of("token", "t", "guild", "1112631390438166618"))))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("connectors.discord.channels")
                .matches(e -> ((ConnectorException) e).permanent());
        assertThatThrownBy(() -> DiscordSettings.from(config(Map.of("token", "t", "guild", "my-server",
                "channel", "111111111111111111"))))
                .hasMessageContaining("connectors.discord.guild").hasMessageContaining("'my-server'");
        assertThatThrownBy(() -> DiscordSettings.from(config(Map.of("guild", "1112631390438166618",
                "channel", "111111111111111111"))))
                .hasMessageContaining("connectors.discord.token is required");
        assertThatThrownBy(() -> DiscordSettings.from(config(Map.of("token", "t", "guild", "1112631390438166618",
                "channel", "111111111111111111", "gatewayUrl", "http://example"))))
                .hasMessageContaining("connectors.discord.gatewayUrl");
        assertThatThrownBy(() -> DiscordSettings.from(config(Map.of("token", "t", "guild", "1112631390438166618",
                "channel", "111111111111111111", "messageContent", "yes"))))
                .hasMessageContaining("connectors.discord.messageContent");
    }

    @Test
    void theRosterBlockNeedsTokenGuildAndAChannelUnderEitherKeyWithReferencesCountingAsSet() throws Exception {
        ConnectorProvider p = new DiscordConnectorProvider();
        p.checkConfig(Map.of("token", "${env:DISCORD_BOT_TOKEN}", "guild", "1", "channel", "2"));
        p.checkConfig(Map.of("token", "${file:/run/token}", "guild", "1", "channels", List.of("2", "3")));
        assertThatThrownBy(() -> p.checkConfig(Map.of("token", "${env:T}", "channel", "2")))
                .isInstanceOf(ConnectorException.class).hasMessage("connectors.discord.guild is required but not set");
        assertThatThrownBy(() -> p.checkConfig(Map.of("token", "${env:T}", "guild", "1", "channels", List.of())))
                .hasMessageStartingWith("connectors.discord.channels is required but not set");
    }

    @Test
    void principalIdsAreNumericSnowflakesNeverNames() {
        ConnectorProvider p = new DiscordConnectorProvider();
        assertThat(p.checkPrincipalId("123456789012345678")).isEmpty();
        assertThat(p.checkPrincipalId("alice")).get().asString().contains("numeric Discord user id");
        assertThat(p.checkPrincipalId("@alice")).isPresent();
    }
}
