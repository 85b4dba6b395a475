package dev.mosaic.mos.service;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Switches logging from CLI mode (warnings on stderr) to service mode: Mos's own INFO messages
 * also go to {@code $MOSAIC_HOME/mos/mos.log}, and to stderr unless the console connector owns
 * the terminal (then stderr keeps warnings only, so the conversation stays readable). Log lines
 * never carry secrets: connector configurations print only their keys.
 */
public final class ServiceLogging {

    private ServiceLogging() {
    }

    /** @param quietTerminal true when stdout/stderr is the console conversation */
    public static void toFile(Path logFile, boolean quietTerminal) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return; // another SLF4J backend is in charge (tests, embedding)
        }
        PrivateFiles.directory(logFile.toAbsolutePath().getParent());
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> a = it.next();
            ThresholdFilter f = new ThresholdFilter();
            f.setLevel(quietTerminal ? "WARN" : "INFO");
            f.start();
            a.addFilter(f);
        }
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{24} - %msg%n");
        enc.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(ctx);
        file.setName("MOS_FILE");
        file.setFile(logFile.toString());
        file.setAppend(true);
        file.setEncoder(enc);
        file.start();
        root.addAppender(file);
        Level current = root.getLevel();
        if (current == null || current.isGreaterOrEqual(Level.WARN)) {
            root.setLevel(Level.INFO);
        }
    }
}
