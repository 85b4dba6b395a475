package dev.mosaic.mos.cli.roster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.fleet.preset.Presets;
import dev.mosaic.fleet.runtime.RuntimeProfiles;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 row 19: a 19-digit answer at a numbered menu is "not one of the choices", not a crash. */
class InitWizardAnswersTest {

    @TempDir
    Path dir;

    @Test
    void aHugeNumberAtAMenuIsAskedAgain() {
        Deque<String> answers = new ArrayDeque<>(List.of("9999999999999999999", "demo"));
        List<String> said = new ArrayList<>();
        Prompter scripted = new Prompter() {
            @Override
            public String ask(String question, String defaultValue) {
                return answers.isEmpty() ? defaultValue : answers.poll();
            }

            @Override
            public String askSecret(String question) {
                return "";
            }

            @Override
            public void say(String line) {
                said.add(line);
            }

            @Override
            public void close() {
            }
        };
        InitWizard.Result result = new InitWizard(new InitOptions(), scripted, Presets.load(dir.resolve("presets")),
                RuntimeProfiles.shipped(), null, "alice", dir.resolve("secrets"), IllegalArgumentException::new).run();

        assertThat(said).contains("  '9999999999999999999' is not one of the choices");
        assertThat(result.plan()).isNotNull();
    }
}
