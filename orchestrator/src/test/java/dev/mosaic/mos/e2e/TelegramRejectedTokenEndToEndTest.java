package dev.mosaic.mos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mosaic.connector.ConnectorCapabilities;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.testkit.LoopbackConnector;
import dev.mosaic.mos.testing.CliRun;
import dev.mosaic.mos.testing.LoopbackProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A bot token Telegram rejects: one clear line in {@code mosaic mos status} and in the log, no
 * polling loop against the Bot API, and the service's other connector keeps answering.
 */
class TelegramRejectedTokenEndToEndTest {

    static final String RIGHT_TOKEN = "5550002222:AAthe-right-token";
    static final String WRONG_TOKEN = "5550002222:AAwrong-token-do-not-print";

    TelegramServiceFixture f;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @AfterEach
    void stop() {
        root.detachAppender(log);
        if (f != null) {
            f.close();
        }
    }

    @Test
    void aRejectedTokenIsOneClearLineInStatusAndLogWhileTheConsoleKeepsWorking(@TempDir Path dir) throws Exception {
        log.start();
        root.addAppender(log);
        f = new TelegramServiceFixture(dir, RIGHT_TOKEN, WRONG_TOKEN, "", "");
        LoopbackProvider console = new LoopbackProvider("console", new ConnectorCapabilities(100_000, true, true));
        f.start(console, List.of(new ConnectorConfig("console", Map.of("user", "tester"))));

        await().atMost(30, TimeUnit.SECONDS).until(() -> f.connectorState("telegram").path("state").asText()
                .equals("FAILED"));
        // parked, not hammering Telegram: one getMe over a polling window, never a long poll
        await().during(3, TimeUnit.SECONDS).atMost(10, TimeUnit.SECONDS)
                .until(() -> f.telegram.requests("getMe") == 1);
        assertThat(f.telegram.requests("getUpdates")).isZero();

        CliRun status = f.cli(Map.of(), "mos", "status");
        assertThat(status.code()).as(status.err()).isZero();
        List<String> lines = status.out().lines().filter(l -> l.startsWith("telegram")).toList();
        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .containsPattern("^telegram\\s+FAILED")
                .contains("Telegram rejected the bot token (401")
                .contains("next try"));
        assertThat(status.out()).containsPattern("console\\s+CONNECTED").doesNotContain(WRONG_TOKEN);

        List<String> problems = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("rejected the bot token")).toList();
        assertThat(problems).singleElement().satisfies(m -> assertThat(m).contains("telegram"));
        assertThat(log.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(WRONG_TOKEN));

        LoopbackConnector chat = console.current();
        chat.say(chat.user("tester"), chat.dm("console"), "ps");
        OutboundMessage reply = chat.awaitReply(Duration.ofSeconds(20));
        assertThat(reply.text()).contains("mos", "echo-1", "echo-2");
    }
}
