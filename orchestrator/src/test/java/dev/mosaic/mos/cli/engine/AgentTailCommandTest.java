package dev.mosaic.mos.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentTailCommandTest {

    @Test
    void followPrintsOnlyLinesAfterWhatWasAlreadyShown() {
        assertThat(AgentTailCommand.newLines(List.of("a", "b", "c"), List.of("b", "c", "d", "e")))
                .containsExactly("d", "e");
        assertThat(AgentTailCommand.newLines(List.of("a", "b"), List.of("a", "b"))).isEmpty();
        // the screen was cleared: everything is new
        assertThat(AgentTailCommand.newLines(List.of("a", "b"), List.of("x", "y"))).containsExactly("x", "y");
    }
}
