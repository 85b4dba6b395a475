package dev.mosaic.mos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorProvider;
import dev.mosaic.connector.telegram.fake.FakeTelegram;
import dev.mosaic.connector.telegram.fake.Posted;
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
 * The real Mos service wired to the real Telegram connector (telegrambots) and a {@link FakeTelegram}
 * on loopback, over a temp {@code MOSAIC_HOME} and a private throwaway tmux socket. The roster is
 * what a user writes: {@code orchestrator.connectors.telegram} with the token as
 * {@code ${env:TELEGRAM_BOT_TOKEN}}, the group in {@code chats} and {@code apiBase} pointing at the
 * fake; principals by numeric Telegram user id.
 *
 * <p>People in the group: {@link #OWNER} (admin), {@link #OPS} (operator), {@link #WATCHER}
 * (viewer); anyone else is unknown to Mos.
 */
final class TelegramServiceFixture extends ServiceHarness {

    static final String GROUP = "-1001234567890";
    static final long OWNER = 111111111L;
    static final long OPS = 222222222L;
    static final long WATCHER = 333333333L;

    final FakeTelegram telegram;

    /**
     * @param fakeAcceptsToken the only token the fake Bot API accepts
     * @param rosterToken what {@code TELEGRAM_BOT_TOKEN} holds for Mos (differs to simulate a rejected token)
     * @param extraAgents more {@code agents:} YAML list items (indented by 2), or ""
     * @param runtimes a {@code runtimes:} YAML block, or ""
     */
    TelegramServiceFixture(Path dir, String fakeAcceptsToken, String rosterToken, String extraAgents, String runtimes)
            throws IOException {
        super(dir, Clock.systemUTC());
        this.telegram = new FakeTelegram(fakeAcceptsToken);
        environment.put("TELEGRAM_BOT_TOKEN", rosterToken);
        installLauncher();
        Files.writeString(rosterFile, """
                version: 1
                fleet: { name: telegram-e2e, type: demo, comms: tmux }
                orchestrator:
                  name: mos
                  runtime: demo-orchestrator
                  workdir: %1$s
                  connectors:
                    telegram:
                      token: "${env:TELEGRAM_BOT_TOKEN}"
                      chats: ["%2$s"]
                      apiBase: "%3$s"
                principals:
                  owner: { role: admin, telegram: "%4$d", console: tester }
                  ops: { role: operator, telegram: "%5$d" }
                  watcher: { role: viewer, telegram: "%6$d" }
                agents:
                  - { name: echo-1, role: demo, runtime: demo, workdir: %1$s }
                  - { name: echo-2, role: demo, runtime: demo, workdir: %1$s }
                %7$s
                %8$s
                """.formatted(dir, GROUP, telegram.apiBase(), OWNER, OPS, WATCHER, extraAgents, runtimes));
    }

    /** Starts the service with every connector on the classpath (ServiceLoader), as {@code mos serve} does. */
    MosService start() {
        return start(null, List.of());
    }

    /** Starts the service with {@code provider} (if not null) added, and {@code extraConnectors} besides the roster's. */
    MosService start(ConnectorProvider provider, List<ConnectorConfig> extraConnectors) {
        ProviderCatalog catalog = ProviderCatalog.load(getClass().getClassLoader());
        return startService(provider == null ? catalog : catalog.with(provider), extraConnectors);
    }

    /** Waits until the Telegram connector is CONNECTED (token accepted, command menu registered, polling). */
    void awaitTelegramConnected() {
        await().atMost(30, TimeUnit.SECONDS).until(() -> "CONNECTED".equals(connectorState("telegram").path("state").asText())
                && telegram.registeredCommands() != null && telegram.requests("getUpdates") > 0);
    }

    void startFleet() {
        startFleetAwaiting("mos");
    }

    /** What the bot posted in the group in reply to message {@code messageId}. */
    List<Posted> repliesTo(int messageId) {
        return telegram.messagesIn(GROUP).stream().filter(p -> Integer.valueOf(messageId).equals(p.replyTo())).toList();
    }

    /** Waits for the first reply to {@code messageId} and returns it. */
    Posted awaitReplyTo(int messageId) {
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> assertThat(repliesTo(messageId))
                .as(() -> "no reply to " + messageId + "; the bot posted " + telegram.posted(GROUP)
                        + "; the audit holds " + new AuditLog(service.env().auditLog()).read())
                .isNotEmpty());
        return repliesTo(messageId).get(0);
    }

    /** Audit records of the chat command that Telegram message {@code messageId} in the group carried. */
    List<AuditLog.AuditEntry> auditOf(int messageId) {
        String key = GROUP + "/" + messageId;
        // the service's own log: reading it writes the records of reads still queued (appendSoon)
        return service.app().audit().log().read().stream()
                .filter(e -> key.equals(e.record().details().get("messageId"))).toList();
    }

    /** Stops the service and the private tmux server, then the fake Bot API. */
    @Override
    public void close() {
        try {
            super.close();
        } finally {
            telegram.close();
        }
    }
}
