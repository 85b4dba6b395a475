package dev.mosaic.mos.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.mos.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person in chat would hit when a check is missing, through the real service (loopback
 * "discord", verbs through the CLI classes, agents in real tmux): a send the terminal swallowed,
 * a role taken away between a request and its confirmation, an id that belongs to someone on
 * another platform. Each test has a service of its own.
 */
class ServiceChatSafetyTest {

    private static final Pattern CODE = Pattern.compile("`confirm (\\d{4})`");

    @TempDir
    Path dir;

    ServiceFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new ServiceFixture(dir);
        // deaf-1's terminal swallows input: echo off and nothing reads
        String roster = f.roster("c1")
                .replace("agents:\n", "agents:\n  - { name: deaf-1, role: demo, runtime: deaf, workdir: " + dir + " }\n")
                .replace("runtimes:\n", "runtimes:\n" + ServiceFixture.bashRuntime("deaf", "demo-deaf",
                        "stty -echo\nprintf '%s ready\\n' \"$MOSAIC_AGENT_NAME\"\nexec sleep 600"));
        Files.writeString(f.rosterFile, roster);
        f.start();
        f.startFleetAwaiting("echo-1", "deaf-1");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void aSendTheTerminalSwallowedIsNotDeliveredInChatNorInTheCli() {
        String reply = f.dm("200", "send deaf-1 are you there?");
        assertThat(reply).doesNotContain("delivered to deaf-1").contains("did not show up");
        CliRun cli = f.cli(Map.of(), "fleet", "agent", "send", "deaf-1", "are you there?");
        assertThat(cli.code()).as(cli.out()).isEqualTo(1);
        assertThat(cli.out()).doesNotContain("delivered");
        assertThat(cli.err()).contains("sent to deaf-1 but the text did not show up in its pane");
        // the same send to an agent that echoes is delivered: the check tells the two apart
        assertThat(f.dm("200", "send echo-1 are you there?")).contains("delivered to echo-1");
    }

    @Test
    void anOperatorDemotedToViewerBeforeConfirmingIsRefused() throws Exception {
        String ask = f.dm("200", "stop all");
        Matcher m = CODE.matcher(ask);
        assertThat(m.find()).as("a confirmation code in: " + ask).isTrue();
        String roster = Files.readString(f.rosterFile);
        Files.writeString(f.rosterFile, roster.replace("ops: { role: operator, discord: \"200\" }",
                "ops: { role: viewer, discord: \"200\" }"));
        await().atMost(15, TimeUnit.SECONDS).until(() -> f.dm("200", "whoami").contains("(viewer)"));

        String confirm = f.dm("200", "confirm " + m.group(1));
        assertThat(confirm).containsIgnoringCase("viewer").doesNotContain("stopped");
        assertThat(f.tmux("has-session", "-t", "=echo-1")).doesNotContain("can't find session");
        assertThat(f.tmux("has-session", "-t", "=echo-2")).doesNotContain("can't find session");
    }

    @Test
    void anIdOfAPrincipalOnAnotherPlatformIsAStranger() {
        // "tester" is the owner's console id; on discord it names nobody
        String reply = f.dm("tester", "stop echo-1");
        assertThat(reply).contains("I don't know you").contains("tester");
        assertThat(f.dm("tester", "whoami")).contains("I don't know you").doesNotContain("You are owner");
        assertThat(f.tmux("has-session", "-t", "=echo-1")).doesNotContain("can't find session");
    }
}
