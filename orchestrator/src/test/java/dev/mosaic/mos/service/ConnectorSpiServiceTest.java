package dev.mosaic.mos.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.mos.spi.PigeonConnectorProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service runs a connector that exists only in test scope, configured from the roster, and
 * its roster watcher refuses a reload with a connector mistake, keeping the previous roster.
 */
class ConnectorSpiServiceTest {

    @TempDir
    Path dir;

    ServiceFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    private String withPigeon(String roster, String block) {
        return roster.replace("      channel: \"c1\"\n", "      channel: \"c1\"\n    pigeon:\n" + block)
                .replace("console: tester", "console: tester, pigeon: ring-7");
    }

    @Test
    void aTestOnlyConnectorRunsFromTheRosterAndAReloadWithAConnectorMistakeIsRefused() throws Exception {
        f = new ServiceFixture(dir);
        String good = withPigeon(f.roster("c1"), "      loft: north\n      apiKey: \"${env:TEST_DISCORD_TOKEN}\"\n");
        Files.writeString(f.rosterFile, good);
        int before = PigeonConnectorProvider.CONFIGS.size();
        f.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> f.service.connectors().connector("pigeon").isPresent());
        List<ConnectorConfig> configs = PigeonConnectorProvider.CONFIGS;
        assertThat(configs).hasSize(before + 1);
        ConnectorConfig config = configs.get(configs.size() - 1);
        assertThat(config.get("loft")).contains("north");
        assertThat(config.get("apiKey")).as("the secret reference is resolved for the connector")
                .contains(ServiceFixture.TOKEN);
        assertThat(f.dm("100", "whoami")).contains("You are owner");

        // a typo in the pigeon block: refused on reload, with the line and a suggestion
        Files.writeString(f.rosterFile, good.replace("loft: north", "lfot: south")
                .replace("role: viewer", "role: operator"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> f.service.statusJson().hasNonNull("rosterError"));
        assertThat(f.service.statusJson().path("rosterError").asText())
                .contains("roster.yaml:" + lineOf(good, "loft: north") + ": connectors.pigeon.lfot: unknown key"
                        + " (did you mean loft?)");
        assertThat(f.cli(Map.of(), "mos", "status").out()).contains("roster change NOT applied");
        assertThat(f.dm("300", "whoami")).as("the previous roster still rules").contains("(viewer)");
        assertThat(PigeonConnectorProvider.CONFIGS).as("the pigeon connector was not restarted").hasSize(before + 1);

        // an unknown connector type and a Discord principal given by name are refused the same way
        Files.writeString(f.rosterFile, good.replace("    pigeon:\n", "    pidgeon:\n"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> f.service.statusJson().path("rosterError").asText()
                .contains("connectors.pidgeon: no connector of type 'pidgeon' is installed (did you mean pigeon?)"));
        Files.writeString(f.rosterFile, good.replace("discord: \"300\"", "discord: \"watcher\""));
        await().atMost(10, TimeUnit.SECONDS).until(() -> f.service.statusJson().path("rosterError").asText()
                .contains("principals.watcher.discord: 'watcher' is not a numeric Discord user id"));
        assertThat(f.dm("300", "whoami")).contains("(viewer)");

        // a valid change is taken again, and clears the error
        Files.writeString(f.rosterFile, good.replace("loft: north", "loft: south"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> !f.service.statusJson().hasNonNull("rosterError")
                && PigeonConnectorProvider.CONFIGS.size() == before + 2);
        assertThat(PigeonConnectorProvider.CONFIGS.get(before + 1).get("loft")).contains("south");
    }

    private static int lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not in\n" + text);
    }
}
