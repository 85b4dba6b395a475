package dev.mosaic.mos.chat;

import dev.mosaic.connector.ConnectorCapabilities;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyFormatterTest {

    private static final String TABLE = "NAME     STATE\ncoder-1  running\n";

    @Test
    void fencesTerminalOutputWhereFencesRender() {
        ReplyFormatter f = new ReplyFormatter(new ConnectorCapabilities(2000, true, true));
        assertThat(f.block(TABLE)).isEqualTo("```\nNAME     STATE\ncoder-1  running\n```");
        assertThat(f.block("a ``` b")).as("an inner fence cannot close ours").isEqualTo("```\na `\u200B`` b\n```");
        assertThat(f.plain("run `ps`")).isEqualTo("run `ps`");
    }

    @Test
    void keepsPlainAlignedTextWhereTheyDoNot() {
        ReplyFormatter f = new ReplyFormatter(new ConnectorCapabilities(4096, false, false));
        assertThat(f.block(TABLE)).isEqualTo("NAME     STATE\ncoder-1  running");
        assertThat(f.withBlock("`ps` failed (exit 1):", "error: boom")).isEqualTo("ps failed (exit 1):\nerror: boom");
    }
}
