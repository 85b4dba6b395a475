package dev.mosaic.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The send contract over one persistent {@code tmux -C} connection. */
class FleetSendControlModeTest extends FleetSendContract {

    @BeforeAll
    static void start() {
        startAgents(true);
    }

    @Test
    void hotPathsUseOneControlModeClient() {
        fx.fleet.send("cat-1", "over control mode");
        fx.fleet.ps();
        List<String> clients = fx.tmux("list-clients", "-F", "#{client_control_mode} #{session_name}").lines().toList();
        assertThat(clients).containsExactly("1 _mosaic-ctl");
        assertThat(fx.fleet.ps().agent("_mosaic-ctl")).isEmpty();
    }
}
