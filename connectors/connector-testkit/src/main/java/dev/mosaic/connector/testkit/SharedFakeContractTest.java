package dev.mosaic.connector.testkit;

import org.junit.jupiter.api.BeforeEach;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The contract, run against one fake platform for the whole class (started in the subclass's
 * {@code @BeforeAll}) that assigns message ids itself (Slack's ts, Discord's snowflakes). The test
 * is its own {@link PlatformHarness}: it maps the contract's message ids to the ids the fake
 * assigned, and shows each test only what the bot posted since that test began.
 */
public abstract class SharedFakeContractTest extends ConnectorContractTest implements PlatformHarness {

    private final String allowedUserId;
    private final String conversationId;
    /** The contract's message ids → the ids the fake platform assigned. */
    private final Map<String, String> assignedIds = new ConcurrentHashMap<>();
    private int postedBefore;

    /**
     * @param allowedUserId the immutable platform id of a person allowed to talk to the bot
     * @param conversationId the id of a conversation the connector watches
     */
    protected SharedFakeContractTest(String allowedUserId, String conversationId) {
        this.allowedUserId = allowedUserId;
        this.conversationId = conversationId;
    }

    /** Makes the person post {@code text} on the fake; returns the id the platform assigned. */
    protected abstract String post(String userId, String conversationId, String text);

    /** Everything the bot ever posted in the conversation on the fake, oldest first. */
    protected abstract List<String> allBotMessages(String conversationId);

    /** Delivers the message the platform knows as {@code assignedId} again. */
    protected abstract void redeliverAssigned(String assignedId);

    @BeforeEach
    void markWhatWasPostedBefore() {
        postedBefore = allBotMessages(conversationId()).size();
    }

    @Override
    protected final PlatformHarness harness() {
        return this;
    }

    @Override
    public final String allowedUserId() {
        return allowedUserId;
    }

    @Override
    public final String conversationId() {
        return conversationId;
    }

    @Override
    public final void userSays(String userId, String conversationId, String messageId, String text) {
        assignedIds.put(messageId, post(userId, conversationId, text));
    }

    @Override
    public final List<String> botMessages(String conversationId) {
        List<String> all = allBotMessages(conversationId);
        return all.subList(Math.min(postedBefore, all.size()), all.size());
    }

    @Override
    public final void redeliver(String messageId) {
        redeliverAssigned(assignedIds.getOrDefault(messageId, messageId));
    }
}
