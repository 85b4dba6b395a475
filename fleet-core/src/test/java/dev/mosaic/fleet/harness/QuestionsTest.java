package dev.mosaic.fleet.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mosaic.fleet.FleetException;
import dev.mosaic.fleet.heartbeat.Health;
import dev.mosaic.fleet.heartbeat.Heartbeat;
import dev.mosaic.fleet.runtime.RuntimeProfile;
import dev.mosaic.fleet.runtime.RuntimeProfiles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Claude Code's question dialog (AskUserQuestion, recorded from 2.1.328) read with the payload its
 * PreToolUse hook saved: the question and options reach ps, and a reply becomes the right keys —
 * an option's digit, or the free answer's digit, the text and Enter.
 */
class QuestionsTest {

    static final String REQUEST = "{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"AskUserQuestion\",\"tool_input\":"
            + "{\"questions\":[{\"question\":\"Which size?\",\"header\":\"Size\",\"multiSelect\":false,\"options\":"
            + "[{\"label\":\"Small\",\"description\":\"s\"},{\"label\":\"Large\",\"description\":\"l\"}]}]}}";
    static final String PANE = ScreenFixturesTest.pane("claude-2.1.328/question.txt");

    @Test
    void theQuestionOnScreenIsReadWithItsOptions() {
        Questions.Question q = Questions.current(REQUEST, PANE).orElseThrow();
        assertThat(q.text()).isEqualTo("Which size?");
        assertThat(q.options()).containsExactly("Small", "Large");
        assertThat(q.summary()).isEqualTo("Which size?\n  1. Small — s\n  2. Large — l");
        assertThat(Questions.current(REQUEST, ScreenFixturesTest.pane("claude-2.1.328/idle.txt"))).isEmpty();
        assertThat(Questions.current("{\"tool_name\":\"Bash\"}", PANE)).isEmpty();
    }

    @Test
    void psShowsTheQuestionWhileTheAgentWaitsForInput() {
        RuntimeProfile p = RuntimeProfiles.shipped().base("claude");
        Instant now = Instant.parse("2026-12-07T06:00:00Z");
        Heartbeat hb = new Heartbeat(Health.HEALTHY, now, Duration.ZERO, 1L, "ok", "waiting_input",
                now.minusSeconds(2), null, true);
        LiveState.Reading r = LiveState.observe(p, hb, null, () -> PANE, REQUEST, now, false);
        assertThat(r.heartbeat().activity()).isEqualTo("waiting_input");
        assertThat(r.waiting().kind()).isEqualTo("input");
        assertThat(r.waiting().summary()).startsWith("Which size?").contains("2. Large — l");
    }

    @Test
    void aReplyPicksAnOptionByNumberOrNameElseItIsTypedAsTheFreeAnswer() {
        Questions.Question q = Questions.current(REQUEST, PANE).orElseThrow();
        assertThat(Questions.plan(q, PANE, "2")).isEqualTo(new Questions.Answer("2", null));
        assertThat(Questions.plan(q, PANE, " large ")).isEqualTo(new Questions.Answer("2", null));
        assertThat(Questions.plan(q, PANE, "medium,\nplease")).isEqualTo(new Questions.Answer("3", "medium, please"));

        List<String> typed = new ArrayList<>();
        Questions.answer("coder-1", "medium", () -> PANE, () -> REQUEST, t -> typed.add("text:" + t),
                k -> typed.add("key:" + k), Duration.ZERO, () -> "idle");
        assertThat(typed).containsExactly("text:3", "text:medium", "key:Enter");
    }

    @Test
    void aQuestionThatWentAwayIsNotAnswered() {
        List<String> typed = new ArrayList<>();
        assertThatThrownBy(() -> Questions.answer("coder-1", "large", () -> ScreenFixturesTest.pane("claude-2.1.328/idle.txt"),
                () -> REQUEST, typed::add, typed::add, Duration.ZERO, () -> "idle"))
                .isInstanceOf(FleetException.class).hasMessage("that question is gone (coder-1 is now idle)");
        assertThat(typed).isEmpty();
    }
}
