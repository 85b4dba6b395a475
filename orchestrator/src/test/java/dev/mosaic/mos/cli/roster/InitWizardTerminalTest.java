package dev.mosaic.mos.cli.roster;

import dev.mosaic.mos.testing.CliRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives {@code mosaic fleet init} through a real terminal: a tmux pane on a private socket runs
 * the CLI in its own JVM; answers are typed with {@code send-keys -l} and Enter, the screen is
 * read with {@code capture-pane}.
 */
class InitWizardTerminalTest {

    private final String socket = "mosaic-test-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path tmp;

    @AfterEach
    void killServer() throws Exception {
        tmux("kill-server");
    }

    @Test
    void theWizardWritesTheSameRosterAsTheEquivalentFlags() throws Exception {
        Path home = tmp.resolve("wizard-home");
        Files.createDirectories(home);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> start = new ArrayList<>(List.of("new-session", "-d", "-x", "180", "-y", "50", "-s", "wiz",
                "-e", "MOSAIC_HOME=" + home, "-e", "USER=alice", "-e", "HOME=" + tmp.resolve("user-home"),
                java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.mosaic.mos.Main", "fleet", "init"));
        assertThat(tmux(start.toArray(String[]::new))).isZero();
        tmux("set-option", "-g", "remain-on-exit", "on");

        int answered = 0;
        while (true) {
            int seen = answered;
            try {
                // the prompt must be on screen and stay there (the reader is waiting, not still starting up)
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .during(Duration.ofMillis(300))
                        .until(() -> waitingForAnswer(screen(), seen) || screen().contains("Wrote "));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("the wizard stopped; screen:\n" + screen(), e);
            }
            List<String> lines = nonBlank(screen());
            if (screen().contains("Wrote ")) {
                break;
            }
            String prompt = lines.get(lines.size() - 1);
            String header = header(lines);
            String answer = answerFor(header, prompt);
            if (!answer.isEmpty()) {
                tmux("send-keys", "-t", "=wiz:0.0", "-l", answer);
                // Enter only once the line editor shows the text, so it answers this prompt
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    List<String> l = nonBlank(screen());
                    return l.get(l.size() - 1).endsWith(answer);
                });
            }
            // count the lines up to this prompt before pressing Enter: the next prompt may appear at once
            answered = lines.size();
            tmux("send-keys", "-t", "=wiz:0.0", "Enter");
            assertThat(answered).as("the wizard keeps asking:\n" + screen()).isLessThan(200);
        }
        assertThat(screen()).contains("Configuration type:", "1) general", "2) coding", "Fleet name [mosaic]:",
                "Agents to keep", "Chat connector:", "Write " + home.resolve("fleet/roster.yaml"));

        Path flagsHome = tmp.resolve("flags-home");
        CliRun flags = CliRun.inHome(flagsHome, "fleet", "init", "--preset", "coding", "--name", "team", "--workdir", "~/src",
                "--agents", "coder-1,reviewer", "--orchestrator-runtime", "codex", "--connector", "discord",
                "--discord-token-env", "DISCORD_BOT_TOKEN", "--discord-guild", "111", "--discord-channel", "222",
                "--owner-id", "999", "--yes");
        assertThat(flags.code()).as(flags.err()).isZero();
        String viaWizard = Files.readString(home.resolve("fleet/roster.yaml"), StandardCharsets.UTF_8);
        assertThat(viaWizard).isEqualTo(Files.readString(flagsHome.resolve("fleet/roster.yaml"), StandardCharsets.UTF_8));
        assertThat(viaWizard).contains("token: \"${env:DISCORD_BOT_TOKEN}\"");
    }

    @Test
    void aTokenTypedIntoTheWizardGoesToAPrivateFileNotTheRoster() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertThat(tmux("new-session", "-d", "-x", "180", "-y", "50", "-s", "wiz", "-e", "MOSAIC_HOME=" + home,
                "-e", "USER=alice", java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.mosaic.mos.Main", "fleet", "init", "--preset", "demo", "--name", "demo", "--workdir", "~",
                "--agents", "echo-1", "--orchestrator-runtime", "demo-orchestrator", "--connector", "discord",
                "--discord-guild", "1", "--discord-channel", "2")).isZero();
        tmux("set-option", "-g", "remain-on-exit", "on");
        type("Choose 1-3 or a name [env]:", "type");
        type("(hidden):", "typed-secret-123");
        type("user id", "");
        type("[Y/n]:", "y");
        Path roster = home.resolve("fleet/roster.yaml");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(roster));
        String text = Files.readString(roster);
        Path secret = home.resolve("secrets/discord-token");
        assertThat(text).doesNotContain("typed-secret-123").contains("${file:" + secret + "}");
        assertThat(secret).hasContent("typed-secret-123");
        assertThat(Files.getPosixFilePermissions(secret)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(screen()).doesNotContain("typed-secret-123");
    }

    private void type(String waitFor, String answer) throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).during(Duration.ofMillis(300))
                .until(() -> {
                    List<String> l = nonBlank(screen());
                    return !l.isEmpty() && l.get(l.size() - 1).contains(waitFor);
                });
        tmux("send-keys", "-t", "=wiz:0.0", "-l", answer);
        if (!answer.isEmpty()) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                List<String> l = nonBlank(screen());
                return !l.get(l.size() - 1).strip().endsWith(":");
            });
        }
        tmux("send-keys", "-t", "=wiz:0.0", "Enter");
    }

    /** The question a numbered list belongs to: the line above its items. */
    private static String header(List<String> lines) {
        int i = lines.size() - 2;
        while (i >= 0 && lines.get(i).matches("\\s+\\d+\\) .*")) {
            i--;
        }
        return i >= 0 ? lines.get(i) : "";
    }

    private static String answerFor(String header, String prompt) {
        if (prompt.startsWith("Choose")) {
            if (header.startsWith("Configuration type")) {
                return "2"; // by number
            }
            if (header.startsWith("Orchestrator runtime")) {
                return "codex"; // by name
            }
            if (header.startsWith("Chat connector")) {
                return "discord";
            }
            if (header.startsWith("Where does the discord")) {
                return "1";
            }
            return "";
        }
        if (prompt.startsWith("Fleet name")) {
            return "team";
        }
        if (prompt.startsWith("Working directory")) {
            return "~/src";
        }
        if (prompt.startsWith("Agents to keep")) {
            return "coder-1,reviewer";
        }
        if (prompt.startsWith("Environment variable name")) {
            return "DISCORD_BOT_TOKEN";
        }
        if (prompt.contains("(guild)")) {
            return "111";
        }
        if (prompt.contains("(channel)")) {
            return "222";
        }
        if (prompt.startsWith("Your own discord user id")) {
            return "999";
        }
        if (prompt.startsWith("Write ")) {
            return "y";
        }
        return ""; // any other optional question: take the default, as the flags do
    }

    private static boolean waitingForAnswer(String screen, int answeredLines) {
        List<String> lines = nonBlank(screen);
        return lines.size() > answeredLines && !lines.isEmpty() && lines.get(lines.size() - 1).strip().endsWith(":");
    }

    private static List<String> nonBlank(String screen) {
        return screen.lines().filter(l -> !l.isBlank()).toList();
    }

    private String screen() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tmux", "-L", socket, "capture-pane", "-p", "-J", "-S", "-", "-t", "=wiz:0.0")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    private int tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
