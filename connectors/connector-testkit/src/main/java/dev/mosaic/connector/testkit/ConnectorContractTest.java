package dev.mosaic.connector.testkit;

import dev.mosaic.connector.Connector;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * The behaviour every connector owes the service. A connector's test extends this class and
 * provides {@link #harness()} over its fake platform; JUnit then runs every case below against it.
 *
 * <p>{@link #harness()} is called after the subclass's own {@code @BeforeEach} methods ran (JUnit
 * runs superclass {@code @BeforeEach} first, so the harness is fetched lazily here).
 */
public abstract class ConnectorContractTest {

    /** The subclass's fake platform; may be created in the subclass's {@code @BeforeEach}. */
    protected abstract PlatformHarness harness();

    @TempDir
    Path stateDir;

    private TestConnectorContext context;
    private Connector connector;
    private final List<InboundMessage> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void newContext() {
        context = TestConnectorContext.in(stateDir);
    }

    @AfterEach
    void closeConnector() {
        if (connector != null) {
            connector.close();
        }
    }

    /** The context the connector under test was created with. */
    protected TestConnectorContext context() {
        return context;
    }

    private Connector started() throws Exception {
        if (connector == null) {
            connector = harness().newConnector(context);
            connector.start(received::add);
        }
        return connector;
    }

    private static String fresh(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private InboundMessage awaitText(String text, Duration timeout) {
        await().atMost(timeout).untilAsserted(() ->
                assertThat(received).extracting(InboundMessage::text).contains(text));
        return received.stream().filter(m -> m.text().equals(text)).findFirst().orElseThrow();
    }

    private InboundMessage userSays(String text) {
        PlatformHarness h = harness();
        h.userSays(h.allowedUserId(), h.conversationId(), fresh("id"), text);
        return awaitText(text, Duration.ofSeconds(10));
    }

    @Test
    void deliversAPersonsMessageWithTheirImmutableIdAndConversation() throws Exception {
        started();
        String text = fresh("hello mos");
        InboundMessage m = userSays(text);

        assertThat(m.sender().id()).isEqualTo(harness().allowedUserId());
        assertThat(m.conversation().id()).isEqualTo(harness().conversationId());
        assertThat(m.messageId()).isNotBlank();
        assertThat(m.sender().bot()).isFalse();

        InboundMessage second = userSays(fresh("second"));
        assertThat(second.messageId()).isNotEqualTo(m.messageId());
    }

    @Test
    void splitsALongReplyIntoPartsWithinTheLimitWithBalancedFencesAndNothingLost() throws Exception {
        Connector c = started();
        InboundMessage ask = userSays(fresh("ps"));
        int limit = c.capabilities().maxMessageLength();

        // A table in a code fence, longer than two platform messages, then a closing line.
        List<String> lines = new ArrayList<>();
        lines.add("Fleet status:");
        lines.add("```");
        int row = 0;
        int length = 0;
        while (length < limit * 2 + 100) {
            String l = String.format("agent-%05d  running  healthy  %s", row++, "x".repeat(20));
            lines.add(l);
            length += l.length() + 1;
        }
        lines.add("```");
        lines.add("end of table");
        String text = String.join("\n", lines);

        c.send(OutboundMessage.replyTo(ask, text));

        String conv = harness().conversationId();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(String.join("\n", harness().botMessages(conv))).contains("end of table"));
        List<String> parts = harness().botMessages(conv);

        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(limit);
            long fences = p.lines().filter(l -> l.strip().startsWith("```")).count();
            assertThat(fences).as("code fences balanced in a part").isEven();
        });
        List<String> got = parts.stream().flatMap(String::lines)
                .filter(l -> !l.strip().startsWith("```")).toList();
        List<String> want = lines.stream().filter(l -> !l.strip().startsWith("```")).toList();
        assertThat(got).as("every line arrives once, in order").containsExactlyElementsOf(want);
    }

    @Test
    void reconnectsByItselfAfterTheConnectionDropsAndKeepsDelivering() throws Exception {
        started();
        userSays(fresh("before drop"));

        harness().dropConnection();
        String after = fresh("after drop");
        harness().userSays(harness().allowedUserId(), harness().conversationId(), fresh("id"), after);

        awaitText(after, harness().reconnectTimeout());
        String later = fresh("later");
        harness().userSays(harness().allowedUserId(), harness().conversationId(), fresh("id"), later);
        awaitText(later, harness().reconnectTimeout());
    }

    @Test
    void aRedeliveredMessageKeepsItsIdOrIsNotDeliveredTwice() throws Exception {
        started();
        String text = fresh("restart coder-1");
        String id = fresh("id");
        harness().userSays(harness().allowedUserId(), harness().conversationId(), id, text);
        InboundMessage first = awaitText(text, Duration.ofSeconds(10));

        harness().redeliver(id);
        // A later message proves the redelivery (delivered in order) had its chance to arrive.
        userSays(fresh("marker"));

        List<InboundMessage> copies = received.stream().filter(m -> m.text().equals(text)).toList();
        assertThat(copies).isNotEmpty();
        assertThat(copies).allSatisfy(m -> assertThat(m.messageId()).isEqualTo(first.messageId()));
    }

    @Test
    void neverDeliversItsOwnMessages() throws Exception {
        Connector c = started();
        InboundMessage ask = userSays(fresh("ps"));
        String own = fresh("mos says");

        c.send(OutboundMessage.replyTo(ask, own));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(harness().botMessages(harness().conversationId())).anySatisfy(p -> assertThat(p).contains(own)));
        userSays(fresh("marker"));

        assertThat(received).extracting(InboundMessage::text).noneSatisfy(t -> assertThat(t).contains(own));
    }

    @Test
    void closeIsIdempotent() throws Exception {
        Connector c = started();
        userSays(fresh("hi"));

        assertThatCode(() -> {
            c.close();
            c.close();
        }).doesNotThrowAnyException();

        Connector neverStarted = harness().newConnector(context);
        assertThatCode(() -> {
            neverStarted.close();
            neverStarted.close();
        }).doesNotThrowAnyException();
    }
}
