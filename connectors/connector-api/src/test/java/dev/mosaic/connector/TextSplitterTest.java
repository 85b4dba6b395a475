package dev.mosaic.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextSplitterTest {

    @Test
    void shortTextIsOnePart() {
        assertThat(new TextSplitter(2000).split("hello")).containsExactly("hello");
    }

    @Test
    void everyPartFitsAndNothingIsLost() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            sb.append("line ").append(i).append(" some words here\n");
        }
        List<String> parts = new TextSplitter(2000).split(sb.toString());
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(2000));
        String joined = String.join("\n", parts);
        for (int i = 0; i < 400; i++) {
            assertThat(joined).contains("line " + i + " some words here");
        }
    }

    @Test
    void fencesAreClosedAndReopenedSoEachPartRendersAlone() {
        StringBuilder sb = new StringBuilder("Output:\n```text\n");
        for (int i = 0; i < 300; i++) {
            sb.append("agent-").append(i).append("  running  healthy\n");
        }
        sb.append("```\ndone");
        List<String> parts = new TextSplitter(2000).split(sb.toString());
        assertThat(parts).hasSizeGreaterThan(2);
        for (String p : parts) {
            assertThat(p.length()).isLessThanOrEqualTo(2000);
            long fences = p.lines().filter(l -> l.strip().startsWith("```")).count();
            assertThat(fences % 2).as("balanced fences in part:%n%s", p).isZero();
        }
        assertThat(parts.get(1)).startsWith("```text\n");
        assertThat(parts.get(parts.size() - 1)).endsWith("done");
    }

    @Test
    void longWordIsCutHardWithoutSplittingSurrogates() {
        String emoji = "\uD83D\uDE00";
        String text = emoji.repeat(200);
        List<String> parts = new TextSplitter(101).split(text);
        assertThat(String.join("", parts)).isEqualTo(text);
        assertThat(parts).allSatisfy(p -> assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse());
    }

    @Test
    void rejectsTinyLimit() {
        assertThatThrownBy(() -> new TextSplitter(10)).hasMessageContaining("10");
    }
}
