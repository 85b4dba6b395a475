package dev.mosaic.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The send contract with one tmux process per call (the fallback transport). */
class FleetSendProcessModeTest extends FleetSendContract {

    @BeforeAll
    static void start() {
        startAgents(false);
    }

    @Test
    void noControlClientIsAttached() {
        fx.fleet.send("cat-1", "one process per call");
        assertThat(fx.tmux("list-clients", "-F", "#{client_control_mode}")).isEmpty();
    }
}
