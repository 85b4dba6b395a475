package dev.mosaic.fleet.ps;

/**
 * What {@code send} did.
 *
 * @param agent the target agent
 * @param delivered true only when the text was seen in the pane after sending
 * @param method {@code keys} (send-keys -l) or {@code paste} (named buffer, bracketed paste)
 * @param removedControlChars how many CR / control characters were dropped from the text
 */
public record SendResult(String agent, boolean delivered, String method, int removedControlChars) {
}
