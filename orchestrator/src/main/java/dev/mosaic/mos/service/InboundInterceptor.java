package dev.mosaic.mos.service;

import dev.mosaic.connector.Connector;
import dev.mosaic.connector.InboundMessage;

/**
 * A hook that sees every inbound message before the chat router and may take it over, for
 * example messages posted in an agent's own Matrix room (comms mode {@code matrix}), which go to
 * that agent's pane instead of being read as commands for Mos.
 *
 * <p>{@link MosService} asks its interceptors in registration order on the connector's thread;
 * the first that returns {@code true} owns the message and the router never sees it. An
 * interceptor does its own de-duplication, authorization, acknowledgement and audit.
 */
@FunctionalInterface
public interface InboundInterceptor {

    /**
     * @param from the connector that received it (acknowledgements and replies go through it)
     * @return {@code true} when this interceptor handled the message; {@code false} to pass it on
     */
    boolean intercept(InboundMessage message, Connector from);
}
