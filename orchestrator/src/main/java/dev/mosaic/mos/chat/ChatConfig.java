package dev.mosaic.mos.chat;

import dev.mosaic.mos.app.RateLimiter;
import java.time.Duration;
import java.util.Objects;

/**
 * How the chat router behaves.
 *
 * @param prefix what an ordinary channel message must start with to reach Mos, e.g. {@code "!mos"}
 * @param confirmTimeout how long a destructive command waits for {@code confirm <code>}
 * @param rateLimit commands per person
 */
public record ChatConfig(String prefix, Duration confirmTimeout, RateLimiter.Limits rateLimit) {

    public static final String DEFAULT_PREFIX = "!mos";

    public ChatConfig {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(confirmTimeout, "confirmTimeout");
        Objects.requireNonNull(rateLimit, "rateLimit");
        if (confirmTimeout.isNegative() || confirmTimeout.isZero()) {
            throw new ChatException("chat confirmTimeout must be positive, was " + confirmTimeout);
        }
    }

    /** {@code !mos}, 2 minutes to confirm, 20 commands a minute with bursts of 10. */
    public static ChatConfig defaults() {
        return new ChatConfig(DEFAULT_PREFIX, Duration.ofMinutes(2), RateLimiter.Limits.defaults());
    }
}
