package dev.mosaic.connector;

/** Optional capability: shows "Mos is typing" in a conversation while work is in progress. */
public interface TypingIndicator {

    /** Starts (or refreshes) the typing indicator; platforms expire it on their own. */
    void typing(Conversation conversation) throws ConnectorException;
}
