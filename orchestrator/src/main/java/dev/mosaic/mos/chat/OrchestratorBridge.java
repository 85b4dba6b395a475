package dev.mosaic.mos.chat;

import dev.mosaic.connector.InboundMessage;
import dev.mosaic.fleet.roster.Principal;

/**
 * Hands free text (a message for Mos without a verb) to the orchestrator agent. The agent answers
 * later with {@code mosaic mos say}, which lands in the message's conversation; the implementation
 * remembers where to route that answer.
 */
public interface OrchestratorBridge {

    /**
     * Forwards {@code message} from {@code who} (already authorized) to the orchestrator agent.
     *
     * @throws dev.mosaic.fleet.MosaicException when the agent cannot be reached; its message is
     *     relayed to the person
     */
    void forward(InboundMessage message, Principal who);

    /**
     * As {@link #forward}, except that a bridge that knows an agent's pending question may hand the
     * text to that agent as its answer.
     *
     * @return the agent that got the text, or {@code null} for the orchestrator agent
     */
    default String deliver(InboundMessage message, Principal who) {
        forward(message, who);
        return null;
    }
}
