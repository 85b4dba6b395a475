package dev.mosaic.mos.service;

import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.ConnectorCapabilities;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.testkit.LoopbackConnector;
import dev.mosaic.mos.testing.LoopbackProvider;
import dev.mosaic.mos.testing.MutableClock;
import dev.mosaic.mos.testing.ServiceHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Mos service over a temp MOSAIC_HOME and a private throwaway tmux socket. Its "discord"
 * connector is a loopback platform the test plays (people: owner 100 admin, ops 200 operator,
 * watcher 300 viewer); agents are plain bash echo loops; the orchestrator answers through
 * {@code mosaic mos say} run as a real child JVM (a launcher script on the test classpath).
 */
final class ServiceFixture extends ServiceHarness {

    static final String TOKEN = "test-token-" + UUID.randomUUID();

    final MutableClock clock;
    /** The test's "discord": every connector it creates is a loopback platform named discord. */
    final LoopbackProvider discord = new LoopbackProvider("discord", new ConnectorCapabilities(2000, true, true));
    final Map<String, ConnectorConfig> extra = new HashMap<>();

    ServiceFixture(Path dir) throws IOException {
        this(dir, new MutableClock(Instant.now()));
    }

    private ServiceFixture(Path dir, MutableClock clock) throws IOException {
        super(dir, clock);
        this.clock = clock;
        environment.put("TEST_DISCORD_TOKEN", TOKEN);
        installLauncher();
        Files.writeString(rosterFile, roster("c1"));
    }

    String roster(String channel) {
        String echo = """
                printf '%s ready\\n' "$MOSAIC_AGENT_NAME"
                while IFS= read -r line; do
                  printf '%s got: %s\\n' "$MOSAIC_AGENT_NAME" "$line"
                done
                """;
        String orch = """
                printf '%s ready\\n' "$MOSAIC_AGENT_NAME"
                while IFS= read -r line; do
                  printf '%s got: %s\\n' "$MOSAIC_AGENT_NAME" "$line"
                  "$MOSAIC_LAUNCHER" mos say -- "heard: $line" || printf 'reply failed\\n'
                done
                """;
        return """
                version: 1
                fleet: { name: testfleet, type: demo, comms: tmux }
                orchestrator:
                  name: mos
                  runtime: orch
                  workdir: %1$s
                  connectors:
                    discord:
                      token: "${env:TEST_DISCORD_TOKEN}"
                      guild: "111"
                      channel: "%2$s"
                principals:
                  owner: { role: admin, discord: "100", console: tester }
                  ops: { role: operator, discord: "200" }
                  watcher: { role: viewer, discord: "300" }
                agents:
                  - { name: echo-1, role: demo, runtime: echo, workdir: %1$s }
                  - { name: echo-2, role: demo, runtime: echo, workdir: %1$s }
                runtimes:
                %3$s%4$s""".formatted(dir, channel, bashRuntime("echo", "demo-echo", echo),
                bashRuntime("orch", "demo-orch", orch));
    }

    ServiceOptions options() {
        return fastOptions(extra.values());
    }

    /** Starts the service (again, after {@link #stopService()}) and waits for the discord connector. */
    MosService start() {
        startService(ProviderCatalog.load(getClass().getClassLoader()).with(discord), extra.values());
        awaitConnector("discord", 10);
        return service;
    }

    void startFleet() {
        startFleetAwaiting();
    }

    /** Starts the service and every agent of the roster, and waits until echo-1 is ready. */
    void startWithFleet() {
        start();
        startFleet();
        await().atMost(15, TimeUnit.SECONDS).until(() -> pane("echo-1").contains("echo-1 ready"));
    }

    LoopbackConnector chat() {
        return discord.current();
    }

    /** {@code userId} writes {@code text} to Mos in a DM; returns the reply. */
    String dm(String userId, String text) {
        LoopbackConnector c = chat();
        c.say(c.user(userId), c.dm("dm-" + userId), text);
        return c.awaitReply(Duration.ofSeconds(20)).text();
    }
}
