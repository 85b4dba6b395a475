package dev.mosaic.connector;

import java.util.List;

/**
 * Optional capability: finds or creates a conversation for a purpose and starts watching it, for
 * example one Matrix room per agent when the fleet's comms mode is {@code matrix}.
 *
 * <p>Messages people post in a provisioned conversation are delivered like any other inbound
 * message (usually with {@link Addressing#NONE}); the service decides what they mean.
 */
public interface ConversationProvisioner {

    /**
     * Returns the conversation for {@code key}, creating it when it does not exist yet, and makes
     * sure the connector delivers its messages from now on. Idempotent: the same key gives the same
     * conversation, also after a restart.
     *
     * @param key a stable, lower-case key such as {@code mosaic-coder-1}; the connector derives the
     *     platform name from it (a Matrix room alias {@code #mosaic-coder-1:server})
     * @param displayName a human-readable name (room name / topic)
     * @param inviteUserIds platform user ids to invite (the principals who may read it)
     */
    Conversation provision(String key, String displayName, List<String> inviteUserIds) throws ConnectorException;
}
