package dev.mosaic.connector;

/**
 * Optional capability: sends long output (a pane tail, a log) as a file attachment instead of a
 * flood of messages.
 */
public interface FileSender {

    /**
     * Posts {@code content} as a file named {@code fileName} with an optional short caption.
     */
    void sendFile(Conversation conversation, String fileName, byte[] content, String caption, String inReplyTo)
            throws ConnectorException;
}
