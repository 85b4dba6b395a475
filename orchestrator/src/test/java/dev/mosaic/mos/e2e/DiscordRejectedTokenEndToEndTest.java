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
 * A bot token Discord rejects: one clear error in {@code mosaic mos status} and in the log, no
 * retry loop against Discord, and the service's other connector keeps answering.
 */
class DiscordRejectedTokenEndToEndTest {

    static final String RIGHT_TOKEN = "MTEy.the-right-token.x";
    static final String WRONG_TOKEN = "MTEy.wrong-token.do-not-print";

    DiscordServiceFixture f;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @AfterEach
    void stop() throws Exception {
        root.detachAppender(log);
        if (f != null) {
            f.close();
        }
    }

    @Test
    void aRejectedTokenIsOneClearErrorInStatusAndLogWhileTheConsoleKeepsWorking(@TempDir Path dir) throws Exception {
        log.start();
        root.addAppender(log);
        f = new DiscordServiceFixture(dir, RIGHT_TOKEN, WRONG_TOKEN, "", "", "");
        // the console connector as serve --console adds it, played by the testkit's loopback
        // (the real console owns System.in/System.out, which a test cannot type into)
        LoopbackProvider console = new LoopbackProvider("console", new ConnectorCapabilities(100_000, true, true));
        f.start(console, List.of(new ConnectorConfig("console", Map.of("user", "tester"))));

        await().atMost(30, TimeUnit.SECONDS).until(() -> f.connectorState("discord").path("state").asText()
                .equals("FAILED"));
        // parked, not hammering Discord: one login attempt over a polling window, no gateway session
        await().during(3, TimeUnit.SECONDS).atMost(10, TimeUnit.SECONDS)
                .until(() -> f.discord.requests("GET /users/@me") == 1);
        assertThat(f.discord.identifies()).isZero();

        CliRun status = f.cli(Map.of(), "mos", "status");
        assertThat(status.code()).as(status.err()).isZero();
        List<String> discordLines = status.out().lines().filter(l -> l.startsWith("discord")).toList();
        assertThat(discordLines).singleElement().satisfies(line -> assertThat(line)
                .containsPattern("^discord\\s+FAILED")
                .contains("Discord rejected the bot token (401")
                .contains("next try"));
        assertThat(status.out()).containsPattern("console\\s+CONNECTED").doesNotContain(WRONG_TOKEN);

        List<String> problems = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("rejected the bot token")).toList();
        assertThat(problems).singleElement().satisfies(m -> assertThat(m).contains("discord"));
        assertThat(log.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(WRONG_TOKEN));

        // the other connector keeps working
        LoopbackConnector chat = console.current();
        chat.say(chat.user("tester"), chat.dm("console"), "ps");
        OutboundMessage reply = chat.awaitReply(Duration.ofSeconds(20));
        assertThat(reply.text()).contains("mos", "echo-1", "echo-2");
    }
}
