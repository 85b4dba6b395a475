package dev.mosaic.mos.service;

import dev.mosaic.connector.Conversation;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The questions Mos relayed and waits to hear answered: per conversation, the agent whose question
 * was posted there. The next free text from that conversation is the answer ({@link FleetBridge});
 * a question that went away (answered at the terminal, the agent moved on) is dropped.
 */
final class PendingQuestions {

    private final Map<String, String> agentByConversation = new ConcurrentHashMap<>();
    private final java.util.Set<String> answered = ConcurrentHashMap.newKeySet();

    /** {@code agent}'s question was posted in {@code where}: its next free text answers it. */
    void asked(Conversation where, String agent) {
        agentByConversation.values().remove(agent);
        agentByConversation.put(where.key(), agent);
    }

    /** The agent waiting for an answer from {@code where}, removed (one reply answers once). */
    Optional<String> take(Conversation where) {
        return Optional.ofNullable(agentByConversation.remove(where.key()));
    }

    /** A reply was typed into {@code agent}'s dialog: a form may show its next question now. */
    void answered(String agent) {
        answered.add(agent);
    }

    /** True once after {@link #answered}: the relay looks again for a question to post. */
    boolean takeAnswered(String agent) {
        return answered.remove(agent);
    }

    /** {@code agent} no longer asks. */
    void drop(String agent) {
        agentByConversation.values().remove(agent);
    }
}
