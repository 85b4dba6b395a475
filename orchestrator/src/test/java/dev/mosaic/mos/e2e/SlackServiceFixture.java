package dev.mosaic.mos.e2e;

import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.slack.fake.FakeSlack;
import dev.mosaic.connector.slack.fake.Posted;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Mos service wired to the real Slack connector (Bolt, Socket Mode) and a {@link FakeSlack}
 * on loopback, over a temp {@code MOSAIC_HOME} and a private throwaway tmux socket. The roster is
 * what a user writes: {@code orchestrator.connectors.slack} with both tokens as {@code ${env:…}}
 * references, plus {@code apiBase} pointing at the fake. Agents run the demo preset's runtimes.
 *
 * <p>People in the workspace: {@link #OWNER} (admin), {@link #OPS} (operator), {@link #WATCHER}
 * (viewer, an Enterprise Grid {@code W…} id); anyone else is unknown to Mos.
 */
final class SlackServiceFixture extends ChatServiceFixture {

    static final String CHANNEL = "C0MOSOPS1";
    static final String OWNER = "U0OWNER01";
    static final String OPS = "U0OPS0001";
    static final String WATCHER = "W0WATCH01";
    static final String APP_TOKEN = "xapp-1-e2e-app-token";

    final FakeSlack slack;

    /**
     * @param fakeAcceptsToken the only bot token the fake Slack accepts
     * @param rosterToken what {@code SLACK_BOT_TOKEN} holds for Mos (differs to simulate a rejected token)
     * @param extraAgents more {@code agents:} YAML list items (indented by 2), or ""
     * @param runtimes a {@code runtimes:} YAML block, or ""
     */
    SlackServiceFixture(Path dir, String fakeAcceptsToken, String rosterToken, String extraAgents, String runtimes)
            throws IOException {
        super(dir, "slack");
        this.slack = new FakeSlack(fakeAcceptsToken, APP_TOKEN, List.of(CHANNEL));
        environment.put("SLACK_BOT_TOKEN", rosterToken);
        environment.put("SLACK_APP_TOKEN", APP_TOKEN);
        writeRoster("""
                    slack:
                      botToken: "${env:SLACK_BOT_TOKEN}"
                      appToken: "${env:SLACK_APP_TOKEN}"
                      channels: ["%s"]
                      apiBase: "%s"
                """.formatted(CHANNEL, slack.apiBase()), OWNER, OPS, WATCHER, extraAgents, runtimes);
    }

    /** Waits until the Slack connector is CONNECTED with a Socket Mode connection open on the fake. */
    @Override
    void awaitConnected() {
        await().atMost(60, TimeUnit.SECONDS).until(() -> "CONNECTED".equals(connectorState("slack").path("state").asText())
                && slack.openConnections() > 0);
    }

    /** What the bot posted in the thread of message {@code ts}. */
    List<Posted> replies(String ts) {
        return slack.inThread(CHANNEL, ts);
    }

    /** Waits for the first reply in the thread of {@code ts} and returns its text. */
    String awaitReplyTo(String ts) {
        return awaitFirstReply(ts, () -> replies(ts), slack::allPosted, 60).text();
    }

    @Override
    void closeFake() throws InterruptedException {
        slack.close();
    }
}
