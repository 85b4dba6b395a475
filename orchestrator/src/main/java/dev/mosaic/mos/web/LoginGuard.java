package dev.mosaic.mos.web;

import dev.mosaic.mos.app.AuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed logins, per client address: each is logged and audited (never with the token that was
 * tried), and after {@value #MAX_FAILURES} within {@link #WINDOW} the client is refused with 429
 * until the oldest of them is a minute old, so tokens cannot be guessed by the thousand. A block
 * is audited once, not per refused attempt, so a guessing client cannot grow the audit log.
 */
final class LoginGuard {

    private static final Logger LOG = LoggerFactory.getLogger(LoginGuard.class);
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_CLIENTS = 10_000;

    private static final class Client {
        final Deque<Instant> failures = new ArrayDeque<>();
        boolean blockAudited;
    }

    private final AuditTrail audit;
    private final Clock clock;
    private final Map<String, Client> clients = new HashMap<>();

    LoginGuard(AuditTrail audit, Clock clock) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws WebException 429 (with the seconds to wait) when {@code client} failed too often of late */
    synchronized void admit(String client) {
        Client c = clients.get(client);
        if (c == null) {
            return;
        }
        Instant now = clock.instant();
        expire(c, now);
        if (c.failures.size() < MAX_FAILURES) {
            c.blockAudited = false;
            return;
        }
        long wait = Math.max(1, Duration.between(now, c.failures.peekFirst().plus(WINDOW)).toSeconds() + 1);
        if (!c.blockAudited) {
            c.blockAudited = true;
            LOG.warn("web logins from {} are refused for {} s: {} failed logins within a minute", client, wait,
                    c.failures.size());
            audit.record("web:unknown", "web.login", client, "refused",
                    Map.of("platform", "web", "client", client, "reason", "rate-limited"));
        }
        throw new WebException(429, "rate_limited", "too many failed logins from " + client + "; try again in "
                + wait + " s", wait);
    }

    /** Records a failed login by {@code client}: logged and audited, without the token tried. */
    synchronized void failed(String client, String reason) {
        if (clients.size() >= MAX_CLIENTS && !clients.containsKey(client)) {
            Instant now = clock.instant();
            clients.values().removeIf(c -> {
                expire(c, now);
                return c.failures.isEmpty();
            });
        }
        Client c = clients.computeIfAbsent(client, k -> new Client());
        c.failures.addLast(clock.instant());
        LOG.warn("web login from {} failed: {}", client, reason);
        audit.record("web:unknown", "web.login", client, "refused",
                Map.of("platform", "web", "client", client, "reason", reason));
    }

    /** A successful login: audited; earlier failures of the client stay counted. */
    void succeeded(String client, String webId) {
        LOG.info("web login from {} as web:{}", client, webId);
        audit.record("web:" + webId, "web.login", client, "ok", Map.of("platform", "web", "client", client));
    }

    private static void expire(Client c, Instant now) {
        while (!c.failures.isEmpty() && !c.failures.peekFirst().plus(WINDOW).isAfter(now)) {
            c.failures.removeFirst();
        }
    }
}
