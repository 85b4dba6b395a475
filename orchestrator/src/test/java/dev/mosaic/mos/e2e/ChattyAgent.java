package dev.mosaic.mos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.mos.testing.ServiceHarness;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An extra agent for the long-answer tests: {@code chatty}'s pane starts with numbered lines of
 * build output ({@code build step 001: STEP}, ...), then {@code chatty ready}, then it echoes what
 * is typed ({@code chatty got: ...}).
 */
final class ChattyAgent {

    /** The {@code agents:} item (indented by 2). */
    static final String AGENT = "  - { name: chatty, role: demo, runtime: chatty }";

    private ChattyAgent() {
    }

    /** A {@code runtimes:} block whose {@code chatty} runtime prints {@code lines} build steps, each ending in {@code step}. */
    static String runtime(int lines, String step) {
        return "runtimes:\n" + ServiceHarness.bashRuntime("chatty", "chatty", """
                for i in $(seq 1 %d); do printf 'build step %%03d: %s\\n' "$i"; done
                printf 'chatty ready\\n'
                while IFS= read -r line; do printf 'chatty got: %%s\\n' "$line"; done
                """.formatted(lines, step));
    }

    /** {@code text} holds build steps 1 to {@code lines}, each line complete, in order. */
    static void assertStepsCompleteAndInOrder(String text, String step, int lines) {
        Matcher m = Pattern.compile("build step (\\d{3}): " + Pattern.quote(step)).matcher(text);
        int expected = 1;
        while (m.find()) {
            assertThat(Integer.parseInt(m.group(1))).as("lines complete and in order").isEqualTo(expected++);
        }
        assertThat(expected - 1).isEqualTo(lines);
    }

    /** How often {@code needle} stands in {@code text}, not overlapping. */
    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
