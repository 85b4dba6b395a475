package dev.mosaic.mos.e2e;

import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.telegram.fake.FakeTelegram;
import dev.mosaic.connector.telegram.fake.Posted;
import dev.mosaic.fleet.audit.AuditLog;
import java.io.IOException;
import java.nio.file.Path;
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
final class TelegramServiceFixture extends ChatServiceFixture {

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
        super(dir, "telegram");
        this.telegram = new FakeTelegram(fakeAcceptsToken);
        environment.put("TELEGRAM_BOT_TOKEN", rosterToken);
        writeRoster("""
                    telegram:
                      token: "${env:TELEGRAM_BOT_TOKEN}"
                      chats: ["%s"]
                      apiBase: "%s"
                """.formatted(GROUP, telegram.apiBase()), OWNER, OPS, WATCHER, extraAgents, runtimes);
    }

    /** Waits until the Telegram connector is CONNECTED (token accepted, command menu registered, polling). */
    @Override
    void awaitConnected() {
        await().atMost(30, TimeUnit.SECONDS).until(() -> "CONNECTED".equals(connectorState("telegram").path("state").asText())
                && telegram.registeredCommands() != null && telegram.requests("getUpdates") > 0);
    }

    /** What the bot posted in the group in reply to message {@code messageId}. */
    List<Posted> repliesTo(int messageId) {
        return telegram.messagesIn(GROUP).stream().filter(p -> Integer.valueOf(messageId).equals(p.replyTo())).toList();
    }

    /** Waits for the first reply to {@code messageId} and returns it. */
    Posted awaitReplyTo(int messageId) {
        return awaitFirstReply(messageId, () -> repliesTo(messageId), () -> telegram.posted(GROUP), 30);
    }

    /** Audit records of the chat command that Telegram message {@code messageId} in the group carried. */
    List<AuditLog.AuditEntry> auditOf(int messageId) {
        return auditOf(GROUP + "/" + messageId);
    }

    @Override
    void closeFake() {
        telegram.close();
    }
}
