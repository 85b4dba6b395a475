package dev.mosaic.mos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorProvider;
import dev.mosaic.connector.discord.fake.FakeDiscord;
import dev.mosaic.connector.discord.fake.Posted;
import dev.mosaic.fleet.audit.AuditLog;
import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.mos.chat.ChatConfig;
import dev.mosaic.mos.chat.RateLimiter;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.cli.MosaicCli;
import dev.mosaic.mos.service.Backoff;
import dev.mosaic.mos.service.MosService;
import dev.mosaic.mos.service.ProviderCatalog;
import dev.mosaic.mos.service.ServiceOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real Mos service wired to the real Discord connector (JDA) and a {@link FakeDiscord} on
 * loopback, over a temp {@code MOSAIC_HOME} and a private throwaway tmux socket. The roster is
 * what a user writes: {@code orchestrator.connectors.discord} with the token as
 * {@code ${env:DISCORD_BOT_TOKEN}}, plus {@code apiBase}/{@code gatewayUrl} pointing at the fake.
 * Agents run the demo preset's shipped runtimes ({@code demo}, {@code demo-orchestrator}); the
 * orchestrator answers through {@code $MOSAIC_LAUNCHER mos say}, a child JVM on this classpath.
 *
 * <p>People in the guild: {@link #OWNER} (admin), {@link #OPS} (operator), {@link #WATCHER}
 * (viewer); anyone else is unknown to Mos.
 */
final class DiscordServiceFixture implements AutoCloseable {

    static final String GUILD = "1112631390438166618";
    static final String CHANNEL = "1517622518662434996";
    static final String OWNER = "223344556677889900";
    static final String OPS = "334455667788990011";
    static final String WATCHER = "445566778899001122";

    final Path dir;
    final Path home;
    final Path rosterFile;
    final String socket = "mosaic-test-" + UUID.randomUUID().toString().substring(0, 8);
    final Map<String, String> environment = new HashMap<>();
    final FakeDiscord discord;
    MosService service;

    /**
     * @param fakeAcceptsToken the only token the fake Discord accepts
     * @param rosterToken what {@code DISCORD_BOT_TOKEN} holds for Mos (differs to simulate a rejected token)
     * @param extraConnectors more {@code orchestrator.connectors} YAML lines (indented by 4), or ""
     * @param extraAgents more {@code agents:} YAML list items (indented by 2), or ""
     * @param runtimes a {@code runtimes:} YAML block, or ""
     */
    DiscordServiceFixture(Path dir, String fakeAcceptsToken, String rosterToken, String extraConnectors,
                          String extraAgents, String runtimes) throws IOException {
        this.dir = dir;
        this.home = dir.resolve("home");
        this.rosterFile = home.resolve("fleet").resolve("roster.yaml");
        this.discord = new FakeDiscord(fakeAcceptsToken, GUILD, List.of(CHANNEL));
        environment.put("MOSAIC_HOME", home.toString());
        environment.put("MOSAIC_TMUX_SOCKET", socket);
        environment.put("HOME", dir.toString());
        environment.put("USER", "tester");
        environment.put("DISCORD_BOT_TOKEN", rosterToken);
        environment.put("MOSAIC_LAUNCHER", launcher().toString());
        Files.createDirectories(rosterFile.getParent());
        Files.writeString(rosterFile, roster(extraConnectors, extraAgents, runtimes));
    }

    /** A launcher like {@code ./mosaic}: runs the CLI on this test's classpath (for the agent's {@code mos say}). */
    private Path launcher() throws IOException {
        Path script = dir.resolve("mosaic");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
                + " -cp '" + System.getProperty("java.class.path") + "' dev.mosaic.mos.Main \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private String roster(String extraConnectors, String extraAgents, String runtimes) {
        return """
                version: 1
                fleet: { name: discord-e2e, type: demo, comms: tmux }
                orchestrator:
                  name: mos
                  runtime: demo-orchestrator
                  workdir: %1$s
                  connectors:
                    discord:
                      token: "${env:DISCORD_BOT_TOKEN}"
                      guild: "%2$s"
                      channel: "%3$s"
                      apiBase: "%4$s"
                      gatewayUrl: "%5$s"
                %6$s
                principals:
                  owner: { role: admin, discord: "%7$s", console: tester }
                  ops: { role: operator, discord: "%8$s" }
                  watcher: { role: viewer, discord: "%9$s" }
                agents:
                  - { name: echo-1, role: demo, runtime: demo, workdir: %1$s }
                  - { name: echo-2, role: demo, runtime: demo, workdir: %1$s }
                %10$s
                %11$s
                """.formatted(dir, GUILD, CHANNEL, discord.apiBase(), discord.gatewayUrl(), extraConnectors,
                OWNER, OPS, WATCHER, extraAgents, runtimes);
    }

    /**
     * Quick backoff so a transient failure retries fast in a test; a permanent failure (a rejected
     * token) waits the production default of 10 minutes, i.e. not within any test.
     */
    private static ServiceOptions options(List<ConnectorConfig> extraConnectors) {
        ServiceOptions o = new ServiceOptions(new ChatConfig(ChatConfig.DEFAULT_PREFIX, Duration.ofMinutes(2),
                new RateLimiter.Limits(100_000, 10_000)),
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), new Random(7)), Duration.ofMinutes(10),
                Duration.ofMillis(100), Map.of());
        for (ConnectorConfig c : extraConnectors) {
            o = o.withExtraConnector(c);
        }
        return o;
    }

    CliContext context(StringWriter out, StringWriter err) {
        return new CliContext(environment, dir, Clock.systemUTC(), false, "cli:tester", InputStream.nullInputStream(),
                new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Starts the service with every connector found on the classpath (ServiceLoader), as {@code mos serve} does. */
    MosService start() {
        return start(null, List.of());
    }

    /**
     * Starts the service with {@code provider} (if not null) replacing the classpath's provider of
     * its type, and {@code extraConnectors} run besides the roster's (like {@code serve --console}).
     */
    MosService start(ConnectorProvider provider, List<ConnectorConfig> extraConnectors) {
        ProviderCatalog catalog = ProviderCatalog.load(getClass().getClassLoader());
        service = new MosService(context(new StringWriter(), new StringWriter()), options(extraConnectors),
                provider == null ? catalog : catalog.with(provider), new ProcessCommandRunner(), List.of());
        service.start();
        return service;
    }

    /** Waits until the Discord connector is CONNECTED (logged in, guild cached, slash commands registered). */
    void awaitDiscordConnected() {
        await().atMost(30, TimeUnit.SECONDS).until(() -> "CONNECTED".equals(connectorState("discord").path("state").asText())
                && discord.registeredCommands() != null);
    }

    /** The connector's entry of the service's status document. */
    JsonNode connectorState(String type) {
        for (JsonNode c : service.statusJson().path("connectors")) {
            if (c.path("type").asText().equals(type)) {
                return c;
            }
        }
        return MissingNode.getInstance();
    }

    /** Starts every agent of the roster and waits until the orchestrator's demo program is ready. */
    void startFleet() {
        service.fleet().start(List.of());
        await().atMost(20, TimeUnit.SECONDS).until(() -> pane("mos").contains("mos ready"));
    }

    /** What the bot posted in the channel as a reply (message reference) to {@code messageId}. */
    List<Posted> repliesTo(String messageId) {
        return discord.posted(CHANNEL).stream().filter(p -> messageId.equals(p.replyTo())).toList();
    }

    /** Waits for the first reply to {@code messageId} and returns its text. */
    String awaitReplyTo(String messageId) {
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(repliesTo(messageId))
                .as(() -> "no reply to " + messageId + "; the bot posted " + discord.posted(CHANNEL)
                        + "; the audit holds " + new AuditLog(service.env().auditLog()).read())
                .isNotEmpty());
        return repliesTo(messageId).get(0).content();
    }

    /** Audit records of the chat command that Discord message {@code messageId} carried. */
    List<AuditLog.AuditEntry> auditOf(String messageId) {
        return new AuditLog(service.env().auditLog()).read().stream()
                .filter(e -> messageId.equals(e.record().details().get("messageId"))).toList();
    }

    /** Runs the mosaic CLI in-process with this fixture's environment (plus {@code extraEnv}). */
    CliRun cli(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(environment);
        env.putAll(extraEnv);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(env, dir, Clock.systemUTC(), false, "cli:tester", InputStream.nullInputStream(),
                new PrintWriter(out, true), new PrintWriter(err, true));
        int code = MosaicCli.run(ctx, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    record CliRun(int code, String out, String err) {
    }

    /** An agent's pane content (history included), straight from tmux. */
    String pane(String agent) {
        return tmux("capture-pane", "-p", "-J", "-S", "-500", "-t", "=" + agent + ":0.0");
    }

    private String tmux(String... args) {
        List<String> argv = new ArrayList<>(List.of("tmux", "-L", socket));
        argv.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new AssertionError("tmux failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            if (service != null) {
                service.close();
            }
        } finally {
            tmux("kill-server");
            discord.close();
        }
    }
}
