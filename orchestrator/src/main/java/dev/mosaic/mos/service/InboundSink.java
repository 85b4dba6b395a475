package dev.mosaic.mos.service;

import dev.mosaic.connector.InboundMessage;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The consumer the service gives a connector it attached ({@link ServiceContext#attachConnector}):
 * accepting only queues the message on its conversation; a connector that must answer in the
 * same request (the web chat panel's POST) waits on {@link #submit}'s future instead.
 */
public interface InboundSink extends Consumer<InboundMessage> {

    /** Queues {@code message}; the future completes once it has been handled (replies sent). */
    CompletableFuture<Void> submit(InboundMessage message);

    @Override
    default void accept(InboundMessage message) {
        submit(message);
    }
}
