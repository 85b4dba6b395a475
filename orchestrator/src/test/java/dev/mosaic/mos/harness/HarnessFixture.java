package dev.mosaic.mos.harness;

import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.ConnectorCapabilities;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.testkit.LoopbackConnector;
import dev.mosaic.fleet.ps.AgentStatus;
import dev.mosaic.mos.service.ProviderCatalog;
import dev.mosaic.mos.testing.LoopbackProvider;
import dev.mosaic.mos.testing.ServiceHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real Mos service driving real harness binaries against the {@link FakeModel}: a temp
 * MOSAIC_HOME, a private tmux socket, a loopback "discord" (people: owner 100 admin, ops 200
 * operator, watcher 300 viewer) and a 1-second heartbeat interval. The test writes the agents'
 * YAML; every agent gets the fake model's endpoint and a private HOME.
 */
public final class HarnessFixture extends ServiceHarness {

    public final FakeModel model;
    public final Path work;
    public final LoopbackProvider discord = new LoopbackProvider("discord", new ConnectorCapabilities(2000, true, true));

    public HarnessFixture(Path dir) throws IOException {
        super(dir, Clock.systemUTC());
        model = new FakeModel();
        work = Files.createDirectories(dir.resolve("work"));
        environment.put("TEST_DISCORD_TOKEN", "test-token-" + UUID.randomUUID());
        environment.put("MOSAIC_HEARTBEAT_INTERVAL", "1");
        installLauncher();
    }

    /** The env block every harness agent gets: the fake model, a private HOME. */
    public String agentEnv() {
        return "{ ANTHROPIC_BASE_URL: \"" + model.baseUrl() + "\", ANTHROPIC_AUTH_TOKEN: fake-token, HOME: \"" + dir
                + "\" }";
    }

    /**
     * Writes the roster: {@code orchestrator} is the orchestrator's YAML lines (indented by 2 under
     * {@code orchestrator:}, without connectors), {@code agents} the agents' list items, {@code runtimes}
     * extra entries of the {@code runtimes:} map (the pinned binaries are set here).
     */
    public void roster(String orchestrator, String agents, String runtimes) throws IOException {
        String yaml = "version: 1\n"
                + "fleet: { name: testfleet, type: coding, comms: tmux }\n"
                + "orchestrator:\n" + orchestrator
                + "  connectors:\n"
                + "    discord: { token: \"${env:TEST_DISCORD_TOKEN}\", channel: \"c1\" }\n"
                + "principals:\n"
                + "  owner: { role: admin, discord: \"100\" }\n"
                + "  ops: { role: operator, discord: \"200\" }\n"
                + "  watcher: { role: viewer, discord: \"300\" }\n"
                + "agents:\n" + agents
                + "runtimes:\n"
                + "  claude: { command: [\"" + HarnessBinaries.claude() + "\"] }\n"
                + runtimes;
        Files.writeString(rosterFile, yaml);
    }

    /** An orchestrator that only echoes (for tests about other agents). */
    public static String echoOrchestrator(Path workdir) {
        return "  name: mos\n  runtime: orch\n  workdir: \"" + workdir + "\"\n";
    }

    public static String echoRuntime() {
        return bashRuntime("orch", "demo-orch", "printf '%s ready\\n' \"$MOSAIC_AGENT_NAME\"\nwhile IFS= read -r line;"
                + " do printf 'got: %s\\n' \"$line\"; done\n");
    }

    public void start() {
        startService(ProviderCatalog.load(getClass().getClassLoader()).with(discord), List.of());
        awaitConnector("discord", 10);
        service.fleet().start(List.of());
    }

    public LoopbackConnector chat() {
        return discord.current();
    }

    /** {@code userId} writes {@code text} to Mos in their DM with it. */
    public void dm(String userId, String text) {
        LoopbackConnector c = chat();
        c.say(c.user(userId), c.dm("dm-" + userId), text);
    }

    /** Waits for a message Mos posted (anywhere) that matches; returns it. */
    public OutboundMessage awaitPosted(Predicate<OutboundMessage> p, Duration timeout) {
        return await().atMost(timeout.toMillis(), TimeUnit.MILLISECONDS).pollInterval(20, TimeUnit.MILLISECONDS)
                .until(() -> chat().replies().stream().filter(p).findFirst(), Optional::isPresent).get();
    }

    /** Waits for a posted message containing {@code text}. */
    public OutboundMessage awaitPosted(String text, Duration timeout) {
        return awaitPosted(m -> m.text().contains(text), timeout);
    }

    public AgentStatus status(String agent) {
        return service.fleet().status(agent);
    }

    public String activity(String agent) {
        return status(agent).heartbeat().activity();
    }

    /** Waits until the agent's live activity is {@code activity}. */
    public void awaitActivity(String agent, String activity, Duration timeout) {
        await().atMost(timeout.toMillis(), TimeUnit.MILLISECONDS).pollInterval(50, TimeUnit.MILLISECONDS)
                .until(() -> activity.equals(activity(agent)));
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            model.close();
        }
    }
}
