package dev.mosaic.mos.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.Sender;
import dev.mosaic.fleet.roster.OfflineCommands;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Which commands count as sent while Mos was down, at the edge of a restart. */
class DowntimeTest {

    static final Instant START = Instant.parse("2026-12-07T14:02:05.300Z");
    final Downtime downtime = new Downtime(START, Clock.fixed(START.plusSeconds(1), ZoneOffset.UTC),
            () -> OfflineCommands.TELL);

    static InboundMessage stamped(String at) {
        return new InboundMessage("m", new Conversation("matrix", "!r:hs", null, false),
                new Sender("matrix", "@ops:hs", "ops", false), "!mos send echo-1 x", Instant.parse(at), Addressing.NONE);
    }

    @Test
    void aStampBeforeTheStartWasSentWhileDownAndAnAmbiguousOneIsToldRatherThanRunStale() {
        assertThat(downtime.arrivedWhileDown(stamped("2026-12-07T14:02:05.299Z"))).isTrue();
        // Telegram's whole second: sent at 14:02:05.000-.999, maybe before the start: told, not run
        assertThat(downtime.arrivedWhileDown(stamped("2026-12-07T14:02:05Z"))).isTrue();
        assertThat(downtime.arrivedWhileDown(stamped("2026-12-07T14:02:05.300Z"))).isFalse();
        assertThat(downtime.arrivedWhileDown(stamped("2026-12-07T14:02:06Z"))).isFalse();
    }

    @Test
    void theVeryFirstStartHadNoDowntime() {
        assertThat(Downtime.none(Clock.systemUTC()).arrivedWhileDown(stamped("2026-12-07T14:02:05Z"))).isFalse();
    }
}
