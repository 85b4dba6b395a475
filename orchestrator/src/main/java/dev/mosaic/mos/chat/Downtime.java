package dev.mosaic.mos.chat;

import dev.mosaic.connector.InboundMessage;
import dev.mosaic.fleet.roster.OfflineCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Commands that arrived while Mos was down. The connectors and the deduper let through what was
 * sent since the previous run was last seen running (only the very first start skips history);
 * a message sent before this start is such a command, and the roster's
 * {@code orchestrator.offlineCommands} decides: tell the sender it did not run, or run it and say
 * it ran late. Never silence.
 */
public final class Downtime {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Instant startedAt;
    private final Clock clock;
    private final Supplier<OfflineCommands> policy;

    /**
     * @param startedAt when this run started; messages sent earlier arrived while Mos was down
     *     ({@link Instant#EPOCH}: none did)
     * @param policy the roster's current setting (read per message, so a reload applies)
     */
    public Downtime(Instant startedAt, Clock clock, Supplier<OfflineCommands> policy) {
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** No downtime to account for (tests, and components with their own connectors). */
    public static Downtime none(Clock clock) {
        return new Downtime(Instant.EPOCH, clock, () -> OfflineCommands.TELL);
    }

    /**
     * Whether {@code m} was sent while Mos was down: its stamp is before this start. A stamp coarser
     * than the clock (Telegram's whole seconds) that could be either side of the start counts as
     * down: such a command is told it did not run rather than run stale.
     */
    public boolean arrivedWhileDown(InboundMessage m) {
        return m.sentAt().isBefore(startedAt);
    }

    /** Whether the setting lets {@code m}, sent while Mos was down, run now. */
    public boolean runsLate(InboundMessage m) {
        return policy.get().runs(Duration.between(m.sentAt(), clock.instant()));
    }

    /** The reply to a command that was not run because Mos was down when it was sent. */
    public String notRun(InboundMessage m) {
        return "I was offline when you sent this at " + when(m.sentAt(), clock)
                + " and did not run it; send it again if you still want it.";
    }

    /** Said after a command sent while Mos was down ran. */
    public String ranLate(InboundMessage m) {
        return "⏰ This ran late: you sent it at " + when(m.sentAt(), clock) + ", while I was offline.";
    }

    /** A time as people read it in a reply: {@code 14:02 UTC}, with the date when it was not today. */
    public static String when(Instant t, Clock clock) {
        ZoneId zone = clock.getZone();
        ZonedDateTime at = t.atZone(zone);
        boolean today = at.toLocalDate().equals(LocalDate.ofInstant(clock.instant(), zone));
        String zoneName = zone.normalized().equals(ZoneOffset.UTC) ? " UTC" : " " + zone.getId();
        return (today ? HH_MM : DAY).format(at) + zoneName;
    }
}
