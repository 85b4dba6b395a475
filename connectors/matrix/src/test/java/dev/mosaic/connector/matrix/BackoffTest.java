package dev.mosaic.connector.matrix;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @Test
    void delaysDoubleUpToTheCapWithoutJitter() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), 0, new Random(1));
        assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(b.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(b.delay(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(b.delay(5)).isEqualTo(Duration.ofMillis(1000));
        assertThat(b.delay(60)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void jitterOnlyShortensAndVaries() {
        Backoff b = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(1000), 0.5, new Random(42));
        var delays = java.util.stream.IntStream.range(0, 50).mapToObj(i -> b.delay(1)).toList();
        assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000)));
        assertThat(delays.stream().distinct().count()).isGreaterThan(10);
    }

    @Test
    void nonsenseIsRejectedWithTheValue() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(1), 0, new Random()))
                .hasMessageContaining("PT5S");
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ZERO, 2, new Random()))
                .hasMessageContaining("2.0");
    }
}
