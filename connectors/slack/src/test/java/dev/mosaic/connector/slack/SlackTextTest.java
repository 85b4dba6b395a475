package dev.mosaic.connector.slack;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Mos's Markdown to Slack mrkdwn and back. */
class SlackTextTest {

    @Test
    void splitPartsStayWithinTheLimitAfterEscapingWithFencesBalanced() {
        StringBuilder text = new StringBuilder("```\n");
        for (int i = 0; i < 400; i++) {
            text.append("if (a<b && b>c) { x &= y; } // line ").append(i).append('\n');
        }
        text.append("```");

        List<String> parts = SlackText.split(text.toString(), 3000);

        assertThat(parts).hasSizeGreaterThan(5).allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(3000);
            assertThat(p).startsWith("```").endsWith("```").doesNotContain("<").doesNotContain(">");
        });
        String joined = String.join("\n", parts).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        for (int i = 0; i < 400; i++) {
            assertThat(joined).contains("if (a<b && b>c) { x &= y; } // line " + i + "\n");
        }
    }

    @Test
    void inboundMarkupBecomesPlainText() {
        assertThat(SlackText.fromSlack("send coder-1 a &lt; b &amp;&amp; c &gt; d")).isEqualTo("send coder-1 a < b && c > d");
        assertThat(SlackText.fromSlack("look at <https://example.com/x|example> in <#C0123|ops>"))
                .isEqualTo("look at https://example.com/x in #ops");
        assertThat(SlackText.leadingMention("<@U0MOS> ps")).isEqualTo("U0MOS");
        assertThat(SlackText.withoutLeadingMention("<@U0MOS>: ps")).isEqualTo("ps");
        assertThat(SlackText.leadingMention("ps <@U0MOS>")).isNull();
    }
}
