package dev.mosaic.mos.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 11 row 13, the log path: the shipped logback.xml makes every %msg pass the redactor. */
class RedactingMessageConverterTest {

    @Test
    void aTokenLoggedByTheServiceNeverReachesTheLogFile() throws Exception {
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(ctx);
        URL shipped = RedactingMessageConverter.class.getResource("/logback.xml");
        assertThat(shipped).as("the shipped logback.xml").isNotNull();
        joran.doConfigure(shipped);

        // the same kind of appender the service adds at run time (ServiceLogging: pattern with %msg)
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern("%-5level %logger{24} - %msg%n");
        enc.start();
        OutputStreamAppender<ILoggingEvent> app = new OutputStreamAppender<>();
        app.setContext(ctx);
        app.setEncoder(enc);
        app.setOutputStream(sink);
        app.start();
        Logger log = ctx.getLogger("dev.mosaic.mos.service.Example");
        log.addAppender(app);

        log.warn("connector discord failed: token {} rejected by {}", "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
                "https://bot:hunter2hunter2@example.org");

        String written = sink.toString(StandardCharsets.UTF_8);
        assertThat(written).contains("connector discord failed: token [redacted] rejected by https://bot:[redacted]@example.org")
                .doesNotContain("pdFZKV", "hunter2");
        ctx.stop();
    }
}
