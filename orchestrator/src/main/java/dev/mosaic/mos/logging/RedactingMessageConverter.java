package dev.mosaic.mos.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.mosaic.mos.chat.Redactor;

/**
 * Logback's {@code %msg} with the chat redactor applied: a log line may quote agent output or an
 * error carrying a token, and the service log is kept for weeks. Registered for every pattern of
 * the context by {@code logback.xml}, so the service's file log uses it too.
 */
public final class RedactingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Redactor.redact(super.convert(event));
    }
}
