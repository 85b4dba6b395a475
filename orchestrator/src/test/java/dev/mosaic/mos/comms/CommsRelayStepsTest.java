package dev.mosaic.mos.comms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.fleet.Fleet;
import dev.mosaic.fleet.MosaicEnv;
import dev.mosaic.fleet.audit.AuditLog;
import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.fleet.roster.Roster;
import dev.mosaic.mos.app.AuditTrail;
import dev.mosaic.mos.chat.InboundPipeline;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comms relay runs the chat router's shared inbound steps, in the same order, around its own. */
class CommsRelayStepsTest {

    @TempDir
    Path home;

    @Test
    void theRelayRunsTheSharedStepsInTheSameOrderAsTheRouter() {
        Supplier<Roster> roster = () -> {
            throw new AssertionError("building the relay reads no roster");
        };
        Clock clock = Clock.systemUTC();
        Fleet fleet = new Fleet(roster, (r, name) -> {
            throw new AssertionError("no runtime is resolved");
        }, MosaicEnv.from(Map.of("MOSAIC_HOME", home.toString()), home, null), clock, new ProcessCommandRunner());
        try (CommsRelay relay = new CommsRelay(roster, fleet, type -> Optional.empty(),
                new AgentRooms(home.resolve("rooms.json")),
                new dev.mosaic.mos.chat.MessageDeduper(home.resolve("seen.txt"), 100, clock.instant()), "!mos",
                new AuditTrail(new AuditLog(home.resolve("audit.jsonl")), clock), clock, new InboundPipeline.Gate() {
                    @Override
                    public boolean admit(String actor) {
                        return true;
                    }

                    @Override
                    public String reply(String actor) {
                        return "";
                    }
                })) {
            assertThat(relay.steps()).containsExactly("ignore self and bots", "dedupe", "identify", "authorize",
                    "rate limit", "in roster", "acknowledge", "dispatch");
        }
    }
}
