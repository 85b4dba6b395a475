package dev.mosaic.mos.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.testkit.LoopbackConnector;
import dev.mosaic.mos.testing.CliRun;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failing connectors stay isolated, the roster reloads safely, and a message id is acted on once. */
class ServiceResilienceTest {

    @TempDir
    Path dir;

    ServiceFixture f;

    @AfterEach
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    private JsonNode connector(String type) {
        for (JsonNode c : f.service.statusJson().path("connectors")) {
            if (c.path("type").asText().equals(type)) {
                return c;
            }
        }
        throw new AssertionError("no connector " + type + " in " + f.service.statusJson());
    }

    @Test
    void aConnectorThatKeepsFailingIsRetriedWhileTheOthersWorkAndShowsInMosStatus() throws Exception {
        f = new ServiceFixture(dir);
        f.extra.put("exploding", new ConnectorConfig("exploding", Map.of("mode", "crash")));
        f.start();
        int before = ExplodingConnectorProvider.CREATED.get();
        await().atMost(10, TimeUnit.SECONDS).until(() -> ExplodingConnectorProvider.CREATED.get() >= before + 3);

        assertThat(f.dm("200", "whoami")).contains("You are ops");
        assertThat(connector("discord").path("state").asText()).isEqualTo("CONNECTED");
        JsonNode exploding = connector("exploding");
        assertThat(exploding.path("state").asText()).isIn("DEGRADED", "CONNECTING");
        assertThat(exploding.path("lastError").asText()).contains("boom: the exploding connector crashed");
        assertThat(exploding.path("restarts").asInt()).isGreaterThanOrEqualTo(2);

        CliRun status = f.cli(Map.of(), "mos", "status");
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).containsPattern("discord\\s+CONNECTED")
                .contains("exploding").contains("boom: the exploding connector crashed");
    }

    @Test
    void aPermanentFailureIsParkedAsFailedAndRetriedOnARosterChangeNotInALoop() throws Exception {
        f = new ServiceFixture(dir);
        f.extra.put("exploding", new ConnectorConfig("exploding", Map.of("mode", "permanent")));
        f.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> connector("exploding").path("state").asText().equals("FAILED"));
        JsonNode failed = connector("exploding");
        assertThat(failed.path("lastError").asText()).isEqualTo("exploding: token rejected");
        Instant next = Instant.parse(failed.path("nextRetry").asText());
        assertThat(Duration.between(f.clock.instant(), next)).isEqualTo(Duration.ofMinutes(10));
        int created = ExplodingConnectorProvider.CREATED.get();

        Files.writeString(f.rosterFile, f.roster("c1") + "# touched\n");
        await().atMost(10, TimeUnit.SECONDS).until(() -> ExplodingConnectorProvider.CREATED.get() == created + 1);
        assertThat(f.cli(Map.of(), "mos", "status").out()).containsPattern("exploding\\s+FAILED");
    }

    @Test
    void aProviderThatFailsToLoadIsReportedAndTheOthersAreStillFound() throws Exception {
        Path services = dir.resolve("broken/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("dev.mosaic.connector.ConnectorProvider"), "com.example.NoSuchConnector\n");
        try (URLClassLoader cl = new URLClassLoader(new URL[] {dir.resolve("broken").toUri().toURL()},
                getClass().getClassLoader())) {
            ProviderCatalog catalog = ProviderCatalog.load(cl);
            assertThat(catalog.loadErrors()).anySatisfy(e -> assertThat(e).contains("com.example.NoSuchConnector"));
            assertThat(catalog.types()).contains("exploding", "console");
        }
    }

    @Test
    void theRosterReloadsRestartingOnlyChangedConnectorsAndAnInvalidOneIsRefused() throws Exception {
        f = new ServiceFixture(dir);
        f.start();
        LoopbackConnector first = f.chat();
        assertThat(f.discord.configs().get(0).get("token")).contains(ServiceFixture.TOKEN);
        assertThat(f.discord.configs().get(0).toString()).doesNotContain(ServiceFixture.TOKEN);

        Files.writeString(f.rosterFile, f.roster("c2"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> f.discord.configs().size() == 2 && f.chat() != first
                && f.service.connectors().connector("discord").isPresent());
        assertThat(f.discord.configs().get(1).get("channel")).contains("c2");
        assertThat(f.dm("100", "whoami")).contains("You are owner");

        // a comment-only change keeps the connector as it is
        Files.writeString(f.rosterFile, f.roster("c2") + "# just a comment\n");
        f.service.reloadRoster();
        assertThat(f.discord.configs()).hasSize(2);

        Files.writeString(f.rosterFile, f.roster("c2").replace("role: viewer", "role: emperor"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> f.service.statusJson().hasNonNull("rosterError"));
        assertThat(f.service.statusJson().path("rosterError").asText()).contains("roster.yaml").contains("emperor");
        assertThat(f.cli(Map.of(), "mos", "status").out()).contains("roster change NOT applied");
        assertThat(f.dm("300", "whoami")).as("the previous roster still rules").contains("(viewer)");
        assertThat(f.discord.configs()).hasSize(2);
    }

    @Test
    void anUnresolvableSecretFailsOnlyThatConnectorAndNeverShowsAValue() throws Exception {
        f = new ServiceFixture(dir);
        f.extra.put("exploding", new ConnectorConfig("exploding", Map.of("mode", "transient")));
        f.environment.remove("TEST_DISCORD_TOKEN");
        f.service = new MosService(f.context(new java.io.StringWriter(), new java.io.StringWriter()), f.options(),
                ProviderCatalog.load(getClass().getClassLoader()).with(f.discord),
                new dev.mosaic.fleet.exec.ProcessCommandRunner(), java.util.List.of());
        f.service.start();
        await().atMost(10, TimeUnit.SECONDS).until(() -> connector("discord").path("state").asText().equals("FAILED"));
        assertThat(connector("discord").path("lastError").asText()).contains("${env:TEST_DISCORD_TOKEN}")
                .contains("not set");
        assertThat(f.discord.configs()).isEmpty();
        assertThat(connector("exploding").path("state").asText()).isNotEqualTo("FAILED");
    }

    @Test
    void aRedeliveredMessageRunsOnceEvenAcrossAServiceRestart() throws Exception {
        f = new ServiceFixture(dir);
        f.startWithFleet();
        LoopbackConnector chat = f.chat();
        InboundMessage m = chat.say(chat.user("200"), chat.dm("dm-200"), "send echo-1 only-once");
        assertThat(chat.awaitReply(Duration.ofSeconds(20)).text()).contains("delivered to echo-1");
        chat.redeliver(m.messageId());
        chat.dropConnection();
        await().atMost(5, TimeUnit.SECONDS).until(() -> chat.reconnects() == 1);
        chat.redeliver(m.messageId());

        f.stopService();
        f.start();
        LoopbackConnector again = f.chat();
        again.say(m);
        // a fresh loopback platform numbers its messages from 1 again: give the probe an id of its own
        InboundMessage probe = again.say(new InboundMessage("probe-after-restart", again.dm("dm-200"),
                again.user("200"), "whoami", f.clock.instant(), dev.mosaic.connector.Addressing.DIRECT));
        assertThat(again.awaitReply().inReplyTo()).as("the next reply answers the probe, not the repeat")
                .isEqualTo(probe.messageId());
        assertThat(f.pane("echo-1").split("echo-1 got: only-once", -1)).hasSize(2);
        long audited = f.cli(Map.of(), "mos", "audit", "--json").out().lines()
                .filter(l -> l.contains("\"chat.send\"")).count();
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void backoffGrowsWithJitterUpToItsCap() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new java.util.Random(1));
        for (int attempt = 0; attempt < 10; attempt++) {
            long full = Math.min(30_000, 1000L << attempt);
            assertThat(b.delay(attempt).toMillis()).isBetween(full / 2, full);
        }
        assertThat(b.delay(40).toMillis()).isBetween(15_000L, 30_000L);
    }
}
