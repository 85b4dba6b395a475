package dev.mosaic.mos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorProvider;
import dev.mosaic.connector.discord.fake.FakeDiscord;
import dev.mosaic.connector.discord.fake.Posted;
import dev.mosaic.fleet.audit.AuditLog;
import dev.mosaic.mos.service.MosService;
import dev.mosaic.mos.service.ProviderCatalog;
import dev.mosaic.mos.testing.ServiceHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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
final class DiscordServiceFixture extends ServiceHarness {

    static final String GUILD = "1112631390438166618";
    static final String CHANNEL = "1517622518662434996";
    static final String OWNER = "223344556677889900";
    static final String OPS = "334455667788990011";
    static final String WATCHER = "445566778899001122";

    final FakeDiscord discord;

    /**
     * @param fakeAcceptsToken the only token the fake Discord accepts
     * @param rosterToken what {@code DISCORD_BOT_TOKEN} holds for Mos (differs to simulate a rejected token)
     * @param extraConnectors more {@code orchestrator.connectors} YAML lines (indented by 4), or ""
     * @param extraAgents more {@code agents:} YAML list items (indented by 2), or ""
     * @param runtimes a {@code runtimes:} YAML block, or ""
     */
    DiscordServiceFixture(Path dir, String fakeAcceptsToken, String rosterToken, String extraConnectors,
                          String extraAgents, String runtimes) throws IOException {
        super(dir, Clock.systemUTC());
        this.discord = new FakeDiscord(fakeAcceptsToken, GUILD, List.of(CHANNEL));
        environment.put("DISCORD_BOT_TOKEN", rosterToken);
        installLauncher();
        Files.writeString(rosterFile, roster(extraConnectors, extraAgents, runtimes));
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
        return startService(provider == null ? catalog : catalog.with(provider), extraConnectors);
    }

    /** Waits until the Discord connector is CONNECTED (logged in, guild cached, slash commands registered). */
    void awaitDiscordConnected() {
        await().atMost(30, TimeUnit.SECONDS).until(() -> "CONNECTED".equals(connectorState("discord").path("state").asText())
                && discord.registeredCommands() != null);
    }

    /** Starts every agent of the roster and waits until the orchestrator's demo program is ready. */
    void startFleet() {
        startFleetAwaiting("mos");
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
        // the service's own log: reading it writes the records of reads still queued (appendSoon)
        return service.app().audit().log().read().stream()
                .filter(e -> messageId.equals(e.record().details().get("messageId"))).toList();
    }

    /** Stops the service and the private tmux server, then the fake Discord. */
    @Override
    public void close() {
        try {
            super.close();
        } finally {
            try {
                discord.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while closing the fake Discord", e);
            }
        }
    }
}
