package dev.mosaic.connector.slack;

import dev.mosaic.connector.CommandSpec;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.slack.fake.FakeSlack;
import dev.mosaic.connector.testkit.TestConnectorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A bare {@code /mos} shows Mos's command list, whatever that list is, to the person who typed it. */
class SlackCommandMenuTest {

    static final String BOT_TOKEN = "xoxb-unit-bot-token";
    static final String APP_TOKEN = "xapp-1-unit-app-token";
    static final String CHANNEL = "C0MOSOPS1";
    static final String ALICE = "U0ALICE01";

    @TempDir
    Path state;
    FakeSlack fake;
    SlackConnector connector;
    final List<InboundMessage> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (connector != null) {
            connector.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private void start(List<CommandSpec> commands) throws Exception {
        fake = new FakeSlack(BOT_TOKEN, APP_TOKEN, List.of(CHANNEL));
        connector = new SlackConnector(SlackSettings.from(new ConnectorConfig("slack", Map.of("botToken", BOT_TOKEN,
                "appToken", APP_TOKEN, "channels", CHANNEL, "apiBase", fake.apiBase()))),
                TestConnectorContext.in(state).withCommands(commands), d -> Thread.sleep(d.toMillis()),
                Duration.ofSeconds(3));
        connector.start(received::add);
    }

    private String menuAfterBareSlash() {
        fake.slash(CHANNEL, ALICE, "alice", "");
        await().atMost(10, TimeUnit.SECONDS).until(() -> !fake.ackTexts().isEmpty());
        return fake.ackTexts().get(0);
    }

    @Test
    void aBareSlashCommandShowsTheCommandListOnlyToThePersonAndReachesNobody() throws Exception {
        start(List.of(
                new CommandSpec("ps", "Show every agent", List.of()),
                new CommandSpec("tail", "Show the last lines", List.of(CommandSpec.Param.required("agent", "agent name"),
                        CommandSpec.Param.integer("lines", "how many"))),
                new CommandSpec("add", "Add an agent", List.of(CommandSpec.Param.required("name", "name"),
                        CommandSpec.Param.keyValue("runtime", "runtime"))),
                new CommandSpec("ask", "Say something to the orchestrator agent",
                        List.of(CommandSpec.Param.required("text", "your message")), true)));

        assertThat(menuAfterBareSlash()).isEqualTo("""
                *Mos commands* (`/mos help` lists the ones you may run):
                • `/mos ps` — Show every agent
                • `/mos tail <agent> [lines]` — Show the last lines
                • `/mos add <name> [runtime=…]` — Add an agent
                • `/mos ask <text>` — Say something to the orchestrator agent""");
        assertThat(received).isEmpty();
    }

    @Test
    void aChangedCommandListIsTheMenu() throws Exception {
        start(List.of(new CommandSpec("approve", "Approve the tool call an agent waits on",
                List.of(CommandSpec.Param.required("agent", "agent name")))));

        assertThat(menuAfterBareSlash()).endsWith(":\n• `/mos approve <agent>` — Approve the tool call an agent waits on")
                .doesNotContain("/mos ps");
    }

    @Test
    void withoutACommandListABareSlashCommandAsksMosForHelp() throws Exception {
        start(List.of());
        fake.slash(CHANNEL, ALICE, "alice", "");
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
                assertThat(received).extracting(InboundMessage::text).containsExactly("help"));
    }
}
