package dev.mosaic.connector.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.matrix.fake.FakeEvent;
import dev.mosaic.connector.matrix.fake.FakeHomeserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What the homeserver does to a long-running sync loop that a person would notice: an edit of a
 * message into a command, rate limits on {@code /sync}, and a gap in the timeline.
 */
class MatrixSyncFaultsTest extends MatrixTestBase {

    @Test
    void anEditOfAMessageIntoACommandRunsNothing() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        started(Map.of("rooms", List.of(room)));
        String original = hs.userSends(OWNER, room, "hello");
        await().until(() -> received.size() == 1);

        String edit = hs.userEdits(OWNER, room, original, "!mos stop all");
        // a later message is the barrier: once it arrived, the edit (sent before it) was seen and dropped
        String later = hs.userSends(OWNER, room, "after the edit");
        await().until(() -> received.stream().anyMatch(m -> m.messageId().equals(later)));
        assertThat(received).extracting(InboundMessage::messageId).containsExactly(original, later)
                .doesNotContain(edit);
        assertThat(received).extracting(InboundMessage::text).noneMatch(t -> t.contains("stop all"));
    }

    @Test
    void aRateLimitedSyncWaitsRetryAfterMs() throws Exception {
        assertSyncWaitsAfterRateLimit(true, 1500);
    }

    @Test
    void aRateLimitedSyncWithOnlyARetryAfterHeaderWaitsThatLong() throws Exception {
        assertSyncWaitsAfterRateLimit(false, 2000);
    }

    private void assertSyncWaitsAfterRateLimit(boolean inBody, long retryAfterMs) throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        started(Map.of("rooms", List.of(room)));
        String first = hs.userSends(OWNER, room, "before");
        await().until(() -> received.size() == 1 && first.equals(received.get(0).messageId()));
        int before = syncs().size();
        hs.rateLimitNextSyncs(1, retryAfterMs, inBody);
        hs.dropSyncs(); // the running long poll ends at once; the next one is answered 429
        String after = hs.userSends(OWNER, room, "after the rate limit");
        await().atMost(Duration.ofSeconds(15)).until(() -> received.stream().anyMatch(m -> m.messageId().equals(after)));

        List<FakeHomeserver.Request> syncs = syncs().subList(before, syncs().size());
        // syncs: the dropped poll's successor (answered 429), then the retry after the wait
        assertThat(syncs.size()).isGreaterThanOrEqualTo(2);
        long gapMs = 0;
        for (int i = 1; i < syncs.size(); i++) {
            gapMs = Math.max(gapMs, Duration.ofNanos(syncs.get(i).receivedNanos() - syncs.get(i - 1).receivedNanos())
                    .toMillis());
        }
        assertThat(gapMs).as("the longest pause between two syncs").isGreaterThanOrEqualTo(retryAfterMs);
        // the backoff alone (20-200 ms in these tests) would have retried far sooner
        assertThat(gapMs).isLessThan(retryAfterMs + 3000);
    }

    private List<FakeHomeserver.Request> syncs() {
        return new ArrayList<>(hs.requests().stream().filter(r -> r.path().endsWith("/sync")).toList());
    }

    @Test
    void aGappySyncIsToldInTheRoomAndTheNewestMessagesStillArrive() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        started(Map.of("rooms", List.of(room)));
        String first = hs.userSends(OWNER, room, "before the flood");
        await().until(() -> received.size() == 1);

        // 80 messages at once: beyond the connector's timeline limit (50), so the sync is limited
        List<String> ids = hs.userSendsAll(EVE, room, IntStream.range(0, 80).mapToObj(i -> "flood " + i).toList());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                received.stream().anyMatch(m -> m.messageId().equals(ids.get(ids.size() - 1))));
        await().atMost(Duration.ofSeconds(10)).until(() -> hs.botMessages(room).stream()
                .anyMatch(e -> e.body().contains("may have missed")));
        List<FakeEvent> notices = hs.botMessages(room);
        assertThat(notices).singleElement().satisfies(e -> {
            assertThat(e.body()).isEqualTo(SyncProcessor.GAP_NOTICE);
            assertThat(e.content().path("msgtype").asText()).isEqualTo("m.notice");
        });
        // what did come through is the newest part of the flood, in order, once each
        List<String> delivered = received.stream().map(InboundMessage::messageId).toList();
        assertThat(delivered).startsWith(first).endsWith(ids.get(ids.size() - 1)).doesNotHaveDuplicates();
        assertThat(delivered).doesNotContain(ids.get(0));
    }

    @Test
    void aSyncWithinTheLimitSaysNothing() throws Exception {
        String room = hs.createRoom(false, OWNER, BOT, EVE);
        started(Map.of("rooms", List.of(room)));
        List<String> ids = hs.userSendsAll(EVE, room, IntStream.range(0, 30).mapToObj(i -> "busy " + i).toList());
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 30);
        assertThat(received).extracting(InboundMessage::messageId).containsExactlyElementsOf(ids);
        assertThat(hs.botMessages(room)).isEmpty();
    }
}
