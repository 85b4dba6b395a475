package dev.mosaic.mos.app;

import dev.mosaic.mos.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    @Test
    void allowsABurstThenRefillsAtTheSustainedRatePerPerson() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-26T20:00:00Z"));
        RateLimiter limiter = new RateLimiter(new RateLimiter.Limits(20, 10), clock);

        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("discord:1")).isTrue();
        }
        assertThat(limiter.tryAcquire("discord:1")).isFalse();
        assertThat(limiter.tryAcquire("discord:2")).as("another person has their own bucket").isTrue();
        assertThat(limiter.retryAfter("discord:1")).isEqualTo(Duration.ofSeconds(3));
        assertThat(limiter.reply("discord:1")).contains("20 commands a minute", "3 s");

        clock.advance(Duration.ofSeconds(3));
        assertThat(limiter.tryAcquire("discord:1")).isTrue();
        assertThat(limiter.tryAcquire("discord:1")).isFalse();
    }
}
