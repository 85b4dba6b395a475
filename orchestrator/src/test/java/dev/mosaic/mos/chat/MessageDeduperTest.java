package dev.mosaic.mos.chat;

import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.Sender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MessageDeduperTest {

    private static final Instant START = Instant.parse("2026-11-26T20:00:00Z");

    @TempDir
    Path dir;

    private static InboundMessage msg(String platform, String id, Instant at) {
        return new InboundMessage(id, Conversation.of(platform, "c"), new Sender(platform, "u", null, false), "ps", at,
                Addressing.DIRECT);
    }

    @Test
    void actsOnAnIdOnceAlsoAfterARestart() throws Exception {
        Path file = dir.resolve("state/seen.txt");
        MessageDeduper first = new MessageDeduper(file, 100, START);
        assertThat(first.firstTime(msg("discord", "111", START.plusSeconds(1)))).isTrue();
        assertThat(first.firstTime(msg("discord", "111", START.plusSeconds(1)))).isFalse();
        assertThat(first.firstTime(msg("matrix", "111", START.plusSeconds(1)))).as("same id, other platform").isTrue();

        MessageDeduper afterRestart = new MessageDeduper(file, 100, START);
        assertThat(afterRestart.firstTime(msg("discord", "111", START.plusSeconds(1)))).isFalse();
        assertThat(afterRestart.firstTime(msg("discord", "112", START.plusSeconds(2)))).isTrue();
        assertThat(Files.readAllLines(file)).contains("discord\t111", "matrix\t111", "discord\t112");
    }

    @Test
    void ignoresMessagesFromBeforeTheStart() {
        MessageDeduper d = new MessageDeduper(dir.resolve("seen.txt"), 100, START);
        assertThat(d.firstTime(msg("discord", "1", START.minusSeconds(5)))).isFalse();
        assertThat(d.size()).isZero();
    }

    @Test
    void staysBoundedByCompactingTheFile() throws Exception {
        Path file = dir.resolve("seen.txt");
        MessageDeduper d = new MessageDeduper(file, 10, START);
        for (int i = 0; i < 55; i++) {
            assertThat(d.firstTime(msg("discord", "id-" + i, START))).isTrue();
        }
        assertThat(d.size()).isEqualTo(10);
        assertThat(Files.readAllLines(file)).hasSizeLessThanOrEqualTo(20).contains("discord\tid-54");

        MessageDeduper reloaded = new MessageDeduper(file, 10, START);
        assertThat(reloaded.firstTime(msg("discord", "id-54", START))).isFalse();
        assertThat(reloaded.firstTime(msg("discord", "id-45", START))).isFalse();
        assertThat(reloaded.firstTime(msg("discord", "id-3", START))).as("long forgotten").isTrue();
    }

    @Test
    void anIdWithALineBreakCannotForgeAnotherRecord() throws Exception {
        Path file = dir.resolve("seen.txt");
        MessageDeduper d = new MessageDeduper(file, 10, START);
        d.firstTime(msg("discord", "1\ndiscord\t2", START));
        assertThat(Files.readAllLines(file)).hasSize(1);
        assertThat(new MessageDeduper(file, 10, START).firstTime(msg("discord", "2", START))).isTrue();
    }
}
