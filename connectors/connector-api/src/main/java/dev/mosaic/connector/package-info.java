/**
 * The connector SPI of Mos: how a chat platform plugs into the service.
 *
 * <p>A connector module ships a {@link dev.mosaic.connector.ConnectorProvider} registered in
 * {@code META-INF/services/dev.mosaic.connector.ConnectorProvider}. The service finds providers
 * with {@link java.util.ServiceLoader}, creates one {@link dev.mosaic.connector.Connector} per
 * {@code connectors:} entry of the roster, and feeds every {@link dev.mosaic.connector.InboundMessage}
 * to its command router. Replies go back through {@link dev.mosaic.connector.Connector#send}.
 *
 * <p>This module depends on the JDK only (and the JSpecify annotations), so a connector never
 * sees fleet-core types and the service never sees platform-library types.
 *
 * <p>Nullness: every type here is non-null unless marked {@code @Nullable} (JSpecify).
 *
 * <p>Optional platform features are small extra interfaces a connector may implement and the
 * service checks at runtime: {@link dev.mosaic.connector.Acknowledger} (reactions / read receipts
 * as acks), {@link dev.mosaic.connector.TypingIndicator}, {@link dev.mosaic.connector.FileSender}.
 */
@NullMarked
package dev.mosaic.connector;

import org.jspecify.annotations.NullMarked;
