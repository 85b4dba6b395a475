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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.LoggerFactory;

/**
 * What a bot token the platform rejects must look like, on every platform: the connector parks as
 * FAILED with one clear line in {@code mosaic mos status} and one warning in the log, neither
 * showing the token, and the service's other connector keeps answering. A test per platform starts
 * its fixture with {@link #startWithConsole} and checks itself that the platform is not hammered.
 */
abstract class RejectedTokenScenario {

    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private ChatServiceFixture fixture;
    private LoopbackProvider console;

    @BeforeEach
    void captureLog() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void stop() {
        root.detachAppender(log);
        if (fixture != null) {
            fixture.close();
        }
    }

    /** Starts {@code f} with a console connector besides the roster's; returns {@code f}. */
    final <F extends ChatServiceFixture> F startWithConsole(F f) {
        fixture = f;
        // the console connector as serve --console adds it, played by the testkit's loopback
        // (the real console owns System.in/System.out, which a test cannot type into)
        console = new LoopbackProvider("console", new ConnectorCapabilities(100_000, true, true));
        f.start(console, List.of(new ConnectorConfig("console", Map.of("user", "tester"))));
        return f;
    }

    final void awaitFailed(String type, long seconds) {
        await().atMost(seconds, TimeUnit.SECONDS).until(() -> fixture.connectorState(type).path("state").asText()
                .equals("FAILED"));
    }

    /**
     * {@code mosaic mos status} shows one line for {@code type}: FAILED, {@code reason} and the next
     * try; the console is CONNECTED; the rejected token shows nowhere.
     */
    final void assertOneClearStatusLine(String type, String reason, String wrongToken) {
        CliRun status = fixture.cli(Map.of(), "mos", "status");
        assertThat(status.code()).as(status.err()).isZero();
        List<String> lines = status.out().lines().filter(l -> l.startsWith(type)).toList();
        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .containsPattern("^" + type + "\\s+FAILED")
                .contains(reason)
                .contains("next try"));
        assertThat(status.out()).containsPattern("console\\s+CONNECTED").doesNotContain(wrongToken);
    }

    /** The log warned once that the bot token was rejected, naming {@code type}, and never shows the token. */
    final void assertOneLogWarning(String type, String wrongToken) {
        List<String> problems = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("rejected the bot token")).toList();
        assertThat(problems).singleElement().satisfies(m -> assertThat(m).contains(type));
        assertThat(log.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(wrongToken));
    }

    /** The other connector keeps working: a {@code ps} on the console is answered within {@code timeout}. */
    final void assertConsoleStillAnswers(Duration timeout) {
        LoopbackConnector chat = console.current();
        chat.say(chat.user("tester"), chat.dm("console"), "ps");
        OutboundMessage reply = chat.awaitReply(timeout);
        assertThat(reply.text()).contains("mos", "echo-1", "echo-2");
    }
}
