package dev.mosaic.connector.matrix;

import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorException;
import dev.mosaic.connector.ConnectorProvider;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatrixSettingsTest {

    static MatrixSettings parse(Map<String, Object> values) throws ConnectorException {
        return MatrixSettings.from(new ConnectorConfig("matrix", values));
    }

    @Test
    void roomAndRoomsAreMergedAndThePrefixDefaults() throws Exception {
        MatrixSettings s = parse(Map.of("homeserver", "http://127.0.0.1:8008/", "userId", "@mos:localhost",
                "token", "t", "rooms", List.of("!abc:localhost"), "room", "#ops:localhost"));
        assertThat(s.homeserver().toString()).isEqualTo("http://127.0.0.1:8008");
        assertThat(s.rooms()).containsExactly("!abc:localhost", "#ops:localhost");
        assertThat(s.prefix()).isEqualTo("!mos");
        assertThat(s.localpart()).isEqualTo("mos");
        assertThat(s.toString()).doesNotContain("token=t");
    }

    @Test
    void mistakesNameTheKeyAndValue() {
        assertThatThrownBy(() -> parse(Map.of("homeserver", "http://h", "userId", "@mos:h")))
                .hasMessageContaining("connectors.matrix.token");
        assertThatThrownBy(() -> parse(Map.of("homeserver", "http://h", "userId", "mos", "token", "t")))
                .hasMessageContaining("connectors.matrix.userId").hasMessageContaining("'mos'");
        assertThatThrownBy(() -> parse(Map.of("homeserver", "ftp://h", "userId", "@mos:h", "token", "t")))
                .hasMessageContaining("connectors.matrix.homeserver");
        assertThatThrownBy(() -> parse(Map.of("homeserver", "http://h", "userId", "@mos:h", "token", "t",
                "rooms", List.of("general")))).hasMessageContaining("'general'");
    }

    @Test
    void theProviderIsFoundByServiceLoaderAndMarksSecrets() {
        ConnectorProvider p = ServiceLoader.load(ConnectorProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.type().equals("matrix")).findFirst().orElseThrow();
        assertThat(p.configFields()).filteredOn(f -> f.secret()).extracting(f -> f.key())
                .containsExactly("token", "password");
    }

    @Test
    void theRosterBlockNeedsHomeserverUserIdAndATokenOrPassword() throws Exception {
        dev.mosaic.connector.ConnectorProvider p = new MatrixConnectorProvider();
        p.checkConfig(java.util.Map.of("homeserver", "http://127.0.0.1:8008", "userId", "@mos:localhost",
                "token", "${env:MATRIX_TOKEN}"));
        p.checkConfig(java.util.Map.of("homeserver", "http://127.0.0.1:8008", "userId", "@mos:localhost",
                "password", "${file:/run/pw}"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.checkConfig(java.util.Map.of(
                        "homeserver", "http://127.0.0.1:8008", "userId", "@mos:localhost")))
                .hasMessage("connectors.matrix.token (or .password) is required but not set");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.checkConfig(java.util.Map.of("token", "${env:T}")))
                .hasMessage("connectors.matrix.homeserver is required but not set");
    }

    @Test
    void principalIdsAreFullMatrixUserIds() {
        dev.mosaic.connector.ConnectorProvider p = new MatrixConnectorProvider();
        org.assertj.core.api.Assertions.assertThat(p.checkPrincipalId("@owner:localhost")).isEmpty();
        org.assertj.core.api.Assertions.assertThat(p.checkPrincipalId("owner")).get().asString()
                .contains("@owner:example.org");
    }
}
