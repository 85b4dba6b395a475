package dev.mosaic.mos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.ConnectorProvider;
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
import java.util.function.Supplier;

/**
 * What the fixtures of the chat platforms share: the real Mos service over a temp
 * {@code MOSAIC_HOME} and a private throwaway tmux socket, with a launcher for the agents'
 * {@code mos say}; a roster as a user writes it (the platform's connector block, three people known
 * by their platform id, two agents running the demo preset's runtimes); the fake platform closed
 * after the service.
 */
abstract class ChatServiceFixture extends ServiceHarness {

    /** The connector type, also the principals' key for their id on the platform ({@code slack}, ...). */
    private final String platform;

    ChatServiceFixture(Path dir, String platform) throws IOException {
        super(dir, Clock.systemUTC());
        this.platform = platform;
        installLauncher();
    }

    /**
     * Writes the roster: fleet {@code PLATFORM-e2e}, the demo orchestrator {@code mos} with
     * {@code connectors} under {@code orchestrator.connectors} (indented by 4), {@code owner} (admin,
     * also console user {@code tester}), {@code ops} (operator) and {@code watcher} (viewer) by their
     * platform ids, agents {@code echo-1} and {@code echo-2}, then {@code extraAgents} (more
     * {@code agents:} items indented by 2, or "") and {@code runtimes} (a {@code runtimes:} block, or "").
     */
    final void writeRoster(String connectors, Object owner, Object ops, Object watcher, String extraAgents,
                           String runtimes) throws IOException {
        Files.writeString(rosterFile, """
                version: 1
                fleet: { name: %1$s-e2e, type: demo, comms: tmux }
                orchestrator:
                  name: mos
                  runtime: demo-orchestrator
                  workdir: %2$s
                  connectors:
                %3$s
                principals:
                  owner: { role: admin, %1$s: "%4$s", console: tester }
                  ops: { role: operator, %1$s: "%5$s" }
                  watcher: { role: viewer, %1$s: "%6$s" }
                agents:
                  - { name: echo-1, role: demo, runtime: demo, workdir: %2$s }
                  - { name: echo-2, role: demo, runtime: demo, workdir: %2$s }
                %7$s
                %8$s
                """.formatted(platform, dir, connectors.stripTrailing(), owner, ops, watcher, extraAgents, runtimes));
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

    /** Waits until the platform's connector is CONNECTED and the fake sees it ready to serve. */
    abstract void awaitConnected();

    /**
     * Starts the service and waits for its platform connector, then starts every agent of the roster
     * and waits until each of {@code readyAgents} printed "NAME ready".
     */
    final void startWithFleet(String... readyAgents) {
        start();
        awaitConnected();
        startFleetAwaiting(readyAgents);
    }

    /**
     * Waits up to {@code seconds} until {@code replies} holds a reply to {@code message} and returns
     * the first; if none comes, the failure says what the bot {@code posted} and what the audit holds.
     */
    final <T> T awaitFirstReply(Object message, Supplier<List<T>> replies, Supplier<?> posted, long seconds) {
        await().atMost(seconds, TimeUnit.SECONDS).untilAsserted(() -> assertThat(replies.get())
                .as(() -> "no reply to " + message + "; the bot posted " + posted.get()
                        + "; the audit holds " + new AuditLog(service.env().auditLog()).read())
                .isNotEmpty());
        return replies.get().get(0);
    }

    /** Audit records of the chat command that the platform message (or interaction) {@code messageId} carried. */
    List<AuditLog.AuditEntry> auditOf(String messageId) {
        // the service's own log: reading it writes the records of reads still queued (appendSoon)
        return service.app().audit().log().read().stream()
                .filter(e -> messageId.equals(e.record().details().get("messageId"))).toList();
    }

    /** Stops the fake platform (after the service). */
    abstract void closeFake() throws InterruptedException;

    /** Stops the service and the private tmux server, then the fake platform. */
    @Override
    public final void close() {
        try {
            super.close();
        } finally {
            try {
                closeFake();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while closing the fake " + platform, e);
            }
        }
    }
}
