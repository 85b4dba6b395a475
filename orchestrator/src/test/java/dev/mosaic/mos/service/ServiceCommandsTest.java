package dev.mosaic.mos.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.fleet.roster.RosterStore;
import dev.mosaic.mos.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every chat verb, run by people with different roles through the real service (loopback
 * "discord" connector, verbs through the CLI classes, agents in real tmux). One service for the
 * class keeps the suite fast; each test makes what it checks itself (its own agents to add or
 * remove, its own audited commands) and leaves the fleet running, so any order works.
 */
class ServiceCommandsTest {

    private static final Pattern CODE = Pattern.compile("`confirm (\\d{4})`");

    @TempDir
    static Path dir;

    @AutoClose
    static ServiceFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new ServiceFixture(dir);
        f.startWithFleet();
    }

    static String code(String reply) {
        Matcher m = CODE.matcher(reply);
        assertThat(m.find()).as("a confirmation code in: " + reply).isTrue();
        return m.group(1);
    }

    @Test
    void helpAndWhoamiAnswerEveryKnownPerson() {
        assertThat(f.dm("100", "help")).contains("ps").contains("remove");
        assertThat(f.dm("300", "help")).contains("ps").doesNotContain("remove <");
        assertThat(f.dm("200", "whoami")).contains("You are ops (operator)").contains("discord id is 200");
    }

    @Test
    void psStatusAndTailShowTheRealFleet() {
        String ps = f.dm("300", "ps");
        assertThat(ps).contains("echo-1").contains("echo-2").contains("mos").contains("running");
        assertThat(f.dm("300", "status echo-1")).contains("echo-1").contains("running");
        assertThat(f.dm("200", "send echo-1 hello from chat")).contains("delivered to echo-1");
        await().atMost(10, TimeUnit.SECONDS).until(() -> f.pane("echo-1").contains("echo-1 got: hello from chat"));
        assertThat(f.dm("200", "tail echo-1 5")).contains("echo-1 got: hello from chat");
    }

    @Test
    void stopStartAndRestartChangeTheAgentsTmuxSession() {
        assertThat(f.dm("200", "stop echo-2")).contains("stopped: echo-2");
        assertThat(f.tmux("has-session", "-t", "=echo-2")).contains("can't find session");
        assertThat(f.dm("200", "start echo-2")).contains("started: echo-2");
        await().atMost(10, TimeUnit.SECONDS).until(() -> f.pane("echo-2").contains("echo-2 ready"));
        String pidBefore = f.tmux("display-message", "-p", "-t", "=echo-2:0.0", "#{pane_pid}").strip();
        assertThat(f.dm("200", "restart echo-2")).contains("restarted: echo-2");
        await().atMost(10, TimeUnit.SECONDS).until(() -> !f.tmux("display-message", "-p", "-t", "=echo-2:0.0",
                "#{pane_pid}").strip().equals(pidBefore));
    }

    @Test
    void unknownPeopleAndViewersAreRefusedOperatorVerbs() {
        assertThat(f.dm("999", "stop echo-1")).contains("I don't know you").contains("999");
        assertThat(f.dm("300", "stop echo-1")).containsIgnoringCase("viewer");
        assertThat(f.dm("300", "send echo-1 rm -rf /")).containsIgnoringCase("viewer");
        assertThat(f.tmux("has-session", "-t", "=echo-1")).doesNotContain("can't find session");
        assertThat(f.pane("echo-1")).doesNotContain("rm -rf");
        assertThat(f.dm("200", "add intruder runtime=echo")).containsIgnoringCase("operator");
    }

    @Test
    void addPutsAnAgentInTheRoster() {
        String reply = f.dm("100", "add added-1 runtime=echo role=demo");
        assertThat(reply).contains("Added agent added-1");
        assertThat(new RosterStore(f.rosterFile).load().agent("added-1")).isPresent();
    }

    @Test
    void removeWaitsForConfirmationWhichExpires() {
        assertThat(f.dm("100", "add to-remove runtime=echo role=demo")).contains("Added agent to-remove");
        String ask = f.dm("100", "remove to-remove");
        String first = code(ask);
        assertThat(new RosterStore(f.rosterFile).load().agent("to-remove")).as("nothing happens before confirm").isPresent();
        f.clock.advance(Duration.ofMinutes(3));
        assertThat(f.dm("100", "confirm " + first)).contains("expired");
        assertThat(new RosterStore(f.rosterFile).load().agent("to-remove")).isPresent();

        String again = code(f.dm("100", "remove to-remove"));
        assertThat(f.dm("200", "confirm " + again)).doesNotContain("Removed");
        String done = f.dm("100", "confirm " + again);
        assertThat(done).contains("Removed agent to-remove");
        assertThat(new RosterStore(f.rosterFile).load().agent("to-remove")).isEmpty();
    }

    @Test
    void commsAnswersClearly() {
        String reply = f.dm("100", "comms");
        assertThat(reply).contains("tmux").doesNotContain("not implemented").doesNotContain("Exception");
    }

    @Test
    void everyCommandIsAuditedAndAnEditedLineIsDetected() throws Exception {
        f.dm("300", "ps");
        f.dm("300", "stop echo-1"); // refused: a viewer
        CliRun ok = f.cli(Map.of(), "mos", "audit", "--verify");
        assertThat(ok.code()).as(ok.err()).isZero();
        List<String> lines = Files.readAllLines(f.home.resolve("audit").resolve("audit.jsonl"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("chat.ps").contains("discord:300"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("chat.stop").contains("refused"));

        // tamper with a copy (its own MOSAIC_HOME), so the service's log stays intact for the other tests
        Path copy = dir.resolve("tampered-home");
        Files.createDirectories(copy.resolve("audit"));
        try (var files = Files.list(f.home.resolve("audit"))) {
            for (Path p : files.toList()) {
                Files.copy(p, copy.resolve("audit").resolve(p.getFileName()));
            }
        }
        Path log = copy.resolve("audit").resolve("audit.jsonl");
        List<String> copied = Files.readAllLines(log);
        int i = copied.size() / 2;
        String edited = copied.get(i).replaceFirst("\"result\":\"", "\"result\":\"tampered ");
        assertThat(edited).isNotEqualTo(copied.get(i));
        copied.set(i, edited);
        Files.write(log, copied);
        CliRun broken = f.cli(Map.of("MOSAIC_HOME", copy.toString()), "mos", "audit", "--verify");
        assertThat(broken.code()).isEqualTo(1);
        // the line after the edited one no longer chains to it
        assertThat(broken.err()).contains("broken").contains("line " + (i + 2) + ": prev hash does not match");
    }
}
