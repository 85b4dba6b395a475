package dev.mosaic.mos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorProvider;
import dev.mosaic.connector.slack.fake.FakeSlack;
import dev.mosaic.connector.slack.fake.Posted;
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
 * The real Mos service wired to the real Slack connector (Bolt, Socket Mode) and a {@link FakeSlack}
 * on loopback, over a temp {@code MOSAIC_HOME} and a private throwaway tmux socket. The roster is
 * what a user writes: {@code orchestrator.connectors.slack} with both tokens as {@code ${env:…}}
 * references, plus {@code apiBase} pointing at the fake. Agents run the demo preset's runtimes.
 *
 * <p>People in the workspace: {@link #OWNER} (admin), {@link #OPS} (operator), {@link #WATCHER}
 * (viewer, an Enterprise Grid {@code W…} id); anyone else is unknown to Mos.
 */
final class SlackServiceFixture extends ServiceHarness {

    static final String CHANNEL = "C0MOSOPS1";
    static final String OWNER = "U0OWNER01";
    static final String OPS = "U0OPS0001";
    static final String WATCHER = "W0WATCH01";
    static final String APP_TOKEN = "xapp-1-e2e-app-token";

    final FakeSlack slack;

    /**
     * @param fakeAcceptsToken the only bot token the fake Slack accepts
     * @param rosterToken what {@code SLACK_BOT_TOKEN} holds for Mos (differs to simulate a rejected token)
     * @param extraAgents more {@code agents:} YAML list items (indented by 2), or ""
     * @param runtimes a {@code runtimes:} YAML block, or ""
     */
    SlackServiceFixture(Path dir, String fakeAcceptsToken, String rosterToken, String extraAgents, String runtimes)
            throws IOException {
        super(dir, Clock.systemUTC());
        this.slack = new FakeSlack(fakeAcceptsToken, APP_TOKEN, List.of(CHANNEL));
        environment.put("SLACK_BOT_TOKEN", rosterToken);
        environment.put("SLACK_APP_TOKEN", APP_TOKEN);
        installLauncher();
        Files.writeString(rosterFile, """
                version: 1
                fleet: { name: slack-e2e, type: demo, comms: tmux }
                orchestrator:
                  name: mos
                  runtime: demo-orchestrator
                  workdir: %1$s
                  connectors:
                    slack:
                      botToken: "${env:SLACK_BOT_TOKEN}"
                      appToken: "${env:SLACK_APP_TOKEN}"
                      channels: ["%2$s"]
                      apiBase: "%3$s"
                principals:
                  owner: { role: admin, slack: "%4$s", console: tester }
                  ops: { role: operator, slack: "%5$s" }
                  watcher: { role: viewer, slack: "%6$s" }
                agents:
                  - { name: echo-1, role: demo, runtime: demo, workdir: %1$s }
                  - { name: echo-2, role: demo, runtime: demo, workdir: %1$s }
                %7$s
                %8$s
                """.formatted(dir, CHANNEL, slack.apiBase(), OWNER, OPS, WATCHER, extraAgents, runtimes));
    }

    /** Starts the service with every connector found on the classpath (ServiceLoader), as {@code mos serve} does. */
    MosService start() {
        return start(null, List.of());
    }

    /** Starts the service with {@code provider} added/replacing its type, and {@code extraConnectors} besides the roster's. */
    MosService start(ConnectorProvider provider, List<ConnectorConfig> extraConnectors) {
        ProviderCatalog catalog = ProviderCatalog.load(getClass().getClassLoader());
        return startService(provider == null ? catalog : catalog.with(provider), extraConnectors);
    }

    void awaitSlackConnected() {
        await().atMost(60, TimeUnit.SECONDS).until(() -> "CONNECTED".equals(connectorState("slack").path("state").asText())
                && slack.openConnections() > 0);
    }

    void startFleet() {
        startFleetAwaiting("mos");
    }

    /** What the bot posted in the thread of message {@code ts}. */
    List<Posted> replies(String ts) {
        return slack.inThread(CHANNEL, ts);
    }

    /** Waits for the first reply in the thread of {@code ts} and returns its text. */
    String awaitReplyTo(String ts) {
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> assertThat(replies(ts))
                .as(() -> "no reply to " + ts + "; the bot posted " + slack.allPosted() + "; the audit holds "
                        + new AuditLog(service.env().auditLog()).read())
                .isNotEmpty());
        return replies(ts).get(0).text();
    }

    /** Audit records of the chat command that Slack message (or interaction) {@code id} carried. */
    List<AuditLog.AuditEntry> auditOf(String id) {
        // the service's own log: reading it writes the records of reads still queued (appendSoon)
        return service.app().audit().log().read().stream()
                .filter(e -> id.equals(e.record().details().get("messageId"))).toList();
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            try {
                slack.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while closing the fake Slack", e);
            }
        }
    }
}
