package dev.mosaic.connector;

/**
 * What a connector's platform renders, so the service can format replies to fit.
 *
 * @param maxMessageLength the longest text one platform message may carry, in {@code char}s
 *     (UTF-16 units); longer replies are split
 * @param codeBlocks whether Markdown code fences render as monospace blocks; if false the
 *     service sends tables as plain aligned text without fences
 * @param markdown whether light Markdown (bold, inline code) renders
 */
public record ConnectorCapabilities(int maxMessageLength, boolean codeBlocks, boolean markdown) {

    public ConnectorCapabilities {
        if (maxMessageLength < 64) {
            throw new IllegalArgumentException("maxMessageLength must be at least 64, was " + maxMessageLength);
        }
    }
}
