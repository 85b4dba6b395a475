package dev.mosaic.mos.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.Acknowledger.Ack;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.testkit.LoopbackConnector;
import dev.mosaic.mos.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Free text to the orchestrator agent's real tmux pane, and its answer back through {@code mosaic mos say}. */
class ServiceBridgeTest {

    @TempDir
    Path dir;

    ServiceFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new ServiceFixture(dir);
        f.start();
        f.startFleet();
        await().atMost(15, TimeUnit.SECONDS).until(() -> f.pane("mos").contains("mos ready"));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void freeTextReachesTheOrchestratorsPaneAndItsSayAnswerComesBackToTheSameConversation() {
        LoopbackConnector chat = f.chat();
        InboundMessage m = chat.say(chat.user("200"), chat.channel("c1"), "!mos please summarize the build");

        // the agent's pane shows who said it and where
        await().atMost(15, TimeUnit.SECONDS).untilAsserted(() -> assertThat(f.pane("mos"))
                .contains("mos got: [discord #c1 ops(operator)] please summarize the build"));
        // the message was marked received, then done once the pane showed it
        await().atMost(15, TimeUnit.SECONDS).untilAsserted(() -> assertThat(chat.acks())
                .contains(new LoopbackConnector.AckRecord(m.messageId(), Ack.RECEIVED),
                        new LoopbackConnector.AckRecord(m.messageId(), Ack.DONE)));
        // the demo orchestrator answers with `mosaic mos say` from its own terminal (a child JVM)
        OutboundMessage answer = chat.awaitReply(Duration.ofSeconds(60));
        assertThat(answer.conversation()).isEqualTo(chat.channel("c1"));
        assertThat(answer.text()).isEqualTo("heard: [discord #c1 ops(operator)] please summarize the build");
        assertThat(f.cli(Map.of(), "mos", "audit", "--verify").code()).isZero();
    }

    @Test
    void sayInProcessUsesTheAgentNameFromTheEnvironmentAndRedactsSecrets() {
        LoopbackConnector chat = f.chat();
        chat.say(chat.user("100"), chat.dm("dm-100"), "how is it going");
        OutboundMessage heard = chat.awaitReply(Duration.ofSeconds(60));
        assertThat(heard.conversation()).isEqualTo(chat.dm("dm-100"));

        CliRun run = f.cli(Map.of("MOSAIC_AGENT_NAME", "mos"), "mos", "say",
                "done; the key was sk-abcdefghijklmnopqrstuvwxyz123456");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("said in discord:dm-100");
        OutboundMessage said = chat.awaitReply();
        assertThat(said.conversation()).isEqualTo(chat.dm("dm-100"));
        assertThat(said.text()).isEqualTo("done; the key was [redacted]");
    }

    @Test
    void aSendCommandMakesThatConversationTheOneTheAgentAnswersIn() {
        LoopbackConnector chat = f.chat();
        chat.say(chat.user("200"), chat.channel("ops-room"), "!mos send echo-1 run the tests");
        chat.awaitReply(Duration.ofSeconds(20));
        await().atMost(15, TimeUnit.SECONDS).until(() -> f.pane("echo-1").contains("echo-1 got: run the tests"));

        CliRun run = f.cli(Map.of("MOSAIC_AGENT_NAME", "echo-1"), "mos", "say", "tests", "pass");
        assertThat(run.code()).as(run.err()).isZero();
        OutboundMessage said = chat.awaitReply();
        assertThat(said.conversation()).isEqualTo(chat.channel("ops-room"));
        assertThat(said.text()).isEqualTo("**echo-1**: tests pass");
    }

    @Test
    void sayExplainsWhatIsMissing() {
        CliRun nobody = f.cli(Map.of(), "mos", "say", "hello");
        assertThat(nobody.code()).isEqualTo(2);
        assertThat(nobody.err()).contains("MOSAIC_AGENT_NAME is not set");

        CliRun noConversation = f.cli(Map.of(), "mos", "say", "--as", "echo-2", "hello");
        assertThat(noConversation.code()).isEqualTo(1);
        assertThat(noConversation.err()).contains("no conversation has addressed agent 'echo-2' yet");

        CliRun explicit = f.cli(Map.of(), "mos", "say", "--as", "echo-2", "--to", "discord:c9", "hi");
        assertThat(explicit.code()).as(explicit.err()).isZero();
        assertThat(f.chat().awaitReply().conversation().key()).isEqualTo("discord:c9");
    }

    @Test
    void theLocalEndpointIsPrivateAndRefusesAWrongToken() throws Exception {
        Path runFile = ServiceFile.path(f.home);
        assertThat(Files.getPosixFilePermissions(runFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(runFile.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        ServiceFile real = ServiceFile.read(runFile).orElseThrow();
        new ServiceFile(real.pid(), real.port(), "0".repeat(64), real.startedAt()).write(runFile);

        CliRun run = f.cli(Map.of(), "mos", "status");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("missing or wrong token");
        real.write(runFile);
        assertThat(f.cli(Map.of(), "mos", "status").code()).isZero();
    }

    @Test
    void theConversationMemorySurvivesARestart() {
        LoopbackConnector chat = f.chat();
        chat.say(chat.user("100"), chat.channel("c1"), "!mos remember where I am");
        chat.awaitReply(Duration.ofSeconds(60));
        f.stopService();
        assertThat(f.cli(Map.of(), "mos", "status").err()).contains("Mos is not running");

        f.start();
        CliRun run = f.cli(Map.of("MOSAIC_AGENT_NAME", "mos"), "mos", "say", "back again");
        assertThat(run.code()).as(run.err()).isZero();
        OutboundMessage said = f.chat().awaitReply();
        assertThat(said.conversation()).isEqualTo(f.chat().channel("c1"));
    }
}
