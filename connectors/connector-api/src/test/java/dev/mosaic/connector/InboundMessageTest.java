package dev.mosaic.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InboundMessageTest {

    private static InboundMessage stamped(String at) {
        return new InboundMessage("m1", new Conversation("telegram", "-100", null, false),
                new Sender("telegram", "101", "alice", false), "!mos ps", Instant.parse(at), Addressing.NONE);
    }

    @Test
    void aStampIsReadInThePrecisionItShows() {
        Instant start = Instant.parse("2026-12-07T14:02:05.300Z");
        // Telegram counts seconds: 14:02:05 may be 14:02:05.9, after the start
        assertThat(stamped("2026-12-07T14:02:05Z").sentBefore(start)).isFalse();
        assertThat(stamped("2026-12-07T14:02:04Z").sentBefore(start)).isTrue();
        // milliseconds and microseconds
        assertThat(stamped("2026-12-07T14:02:05.300Z").sentBefore(start)).isFalse();
        assertThat(stamped("2026-12-07T14:02:05.299Z").sentBefore(start)).isTrue();
        assertThat(stamped("2026-12-07T14:02:05.299999Z").sentBefore(start)).isTrue();
        assertThat(stamped("2026-12-07T14:02:05.300001Z").sentBefore(start)).isFalse();
        assertThat(stamped("2026-12-07T14:02:05.299999999Z").sentBefore(start)).isTrue();
        // a stamp as exact as the clock: the same instant is not before it
        Instant exact = Instant.parse("2026-12-07T14:02:05.123456789Z");
        assertThat(stamped(exact.toString()).sentBefore(exact)).isFalse();
        assertThat(stamped(exact.toString()).sentBefore(exact.plusNanos(1))).isTrue();
    }
}
