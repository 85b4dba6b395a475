package dev.mosaic.mos.hosts;

import dev.mosaic.connector.ConnectorCapabilities;
import dev.mosaic.mos.service.ProviderCatalog;
import dev.mosaic.mos.testing.LoopbackProvider;
import dev.mosaic.mos.testing.ServiceHarness;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The Mos service of the remote-host tests: a real launcher, one-second heartbeats and a loopback
 * "discord" connector (whose token the roster reads from {@code TEST_DISCORD_TOKEN}).
 */
final class TwoHostService extends ServiceHarness {

    final LoopbackProvider discord = new LoopbackProvider("discord", new ConnectorCapabilities(2000, true, true));

    TwoHostService(Path dir) throws IOException {
        super(dir, Clock.systemUTC());
        installLauncher();
        environment.put("MOSAIC_HEARTBEAT_INTERVAL", "1");
        environment.put("TEST_DISCORD_TOKEN", "t");
    }

    void start() {
        startService(ProviderCatalog.load(getClass().getClassLoader()).with(discord), List.of());
        awaitConnector("discord", 10);
    }
}
