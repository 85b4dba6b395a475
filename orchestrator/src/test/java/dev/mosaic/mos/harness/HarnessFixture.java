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
     * Writes a {@code CODEX_HOME} (under the fixture's folder) whose {@code config.toml} points Codex at
     * the fake model (Responses API, key from {@code FAKE_MODEL_KEY}) and trusts {@code project};
     * returns it, for the agent's env.
     */
    public Path codexHome(Path project) throws IOException {
        Path codexHome = Files.createDirectories(dir.resolve("codex-home"));
        Files.writeString(codexHome.resolve("config.toml"), """
                model = "fake-model"
                model_provider = "fake"
                check_for_update_on_startup = false

                [model_providers.fake]
                name = "fake"
                base_url = "%s/v1"
                wire_api = "responses"
                env_key = "FAKE_MODEL_KEY"

                [projects."%s"]
                trust_level = "trusted"
                """.formatted(model.baseUrl(), project));
        return codexHome;
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
                + "    discord: { token: \"${env:TEST_DISCORD_TOKEN}\", guild: \"111\", channel: \"c1\" }\n"
                + "principals:\n"
                + "  owner: { role: admin, discord: \"100\" }\n"
                + "  ops: { role: operator, discord: \"200\" }\n"
                + "  watcher: { role: viewer, discord: \"300\" }\n"
                + (agents.isEmpty() ? "agents: []\n" : "agents:\n" + agents)
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
        try {
            return await().atMost(timeout.toMillis(), TimeUnit.MILLISECONDS).pollInterval(20, TimeUnit.MILLISECONDS)
                    .until(() -> chat().replies().stream().filter(p).findFirst(), Optional::isPresent).get();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + diagnosis(), e);
        }
    }

    /** What the chat got and what each agent's screen shows: for a failed wait. */
    public String diagnosis() {
        StringBuilder sb = new StringBuilder("posted: ");
        chat().replies().forEach(m -> sb.append("\n  [").append(m.conversation().id()).append("] ").append(m.text()));
        for (FakeModel.Request r : model.requests()) {
            for (var msg : r.body().path("messages")) {
                for (var block : msg.path("content")) {
                    if (block.path("type").asText().equals("tool_result")) {
                        sb.append("\ntool result: ").append(block.path("content"));
                    }
                }
                if (msg.path("role").asText().equals("tool")) {
                    sb.append("\ntool result: ").append(msg.path("content"));
                }
            }
        }
        for (var a : service.roster().allAgents()) {
            sb.append("\n--- ").append(a.name()).append(" (").append(activity(a.name())).append(") ---\n")
                    .append(pane(a.name()));
        }
        return sb.toString();
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
        try {
            await().atMost(timeout.toMillis(), TimeUnit.MILLISECONDS).pollInterval(50, TimeUnit.MILLISECONDS)
                    .until(() -> activity.equals(activity(agent)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + diagnosis(), e);
        }
    }

    /**
     * Stops the service and the tmux server, then waits for the harness processes (and their
     * children) to exit: they write their config on the way out, which would race the temp dir's removal.
     */
    @Override
    public void close() {
        List<ProcessHandle> procs = new java.util.ArrayList<>();
        try {
            if (service != null) {
                for (AgentStatus a : service.fleet().ps().agents()) {
                    if (a.pid() != null) {
                        ProcessHandle.of(a.pid()).ifPresent(p -> {
                            procs.add(p);
                            p.descendants().forEach(procs::add);
                        });
                    }
                }
            }
        } catch (RuntimeException e) {
            // nothing to wait for
        }
        try {
            super.close();
        } finally {
            model.close();
            procs.forEach(ProcessHandle::destroy);
            await().atMost(10, TimeUnit.SECONDS).until(() -> procs.stream().noneMatch(ProcessHandle::isAlive));
        }
    }
}
