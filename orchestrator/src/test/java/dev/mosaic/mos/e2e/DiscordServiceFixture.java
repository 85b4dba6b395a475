package dev.mosaic.mos.e2e;

import static org.awaitility.Awaitility.await;

import dev.mosaic.connector.discord.fake.FakeDiscord;
import dev.mosaic.connector.discord.fake.Posted;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Mos service wired to the real Discord connector (JDA) and a {@link FakeDiscord} on
 * loopback, over a temp {@code MOSAIC_HOME} and a private throwaway tmux socket. The roster is
 * what a user writes: {@code orchestrator.connectors.discord} with the token as
 * {@code ${env:DISCORD_BOT_TOKEN}}, plus {@code apiBase}/{@code gatewayUrl} pointing at the fake.
 * Agents run the demo preset's shipped runtimes ({@code demo}, {@code demo-orchestrator}); the
 * orchestrator answers through {@code $MOSAIC_LAUNCHER mos say}, a child JVM on this classpath.
 *
 * <p>People in the guild: {@link #OWNER} (admin), {@link #OPS} (operator), {@link #WATCHER}
 * (viewer); anyone else is unknown to Mos.
 */
final class DiscordServiceFixture extends ChatServiceFixture {

    static final String GUILD = "1112631390438166618";
    static final String CHANNEL = "1517622518662434996";
    static final String OWNER = "223344556677889900";
    static final String OPS = "334455667788990011";
    static final String WATCHER = "445566778899001122";

    final FakeDiscord discord;

    /**
     * @param fakeAcceptsToken the only token the fake Discord accepts
     * @param rosterToken what {@code DISCORD_BOT_TOKEN} holds for Mos (differs to simulate a rejected token)
     * @param extraConnectors more {@code orchestrator.connectors} YAML lines (indented by 4), or ""
     * @param extraAgents more {@code agents:} YAML list items (indented by 2), or ""
     * @param runtimes a {@code runtimes:} YAML block, or ""
     */
    DiscordServiceFixture(Path dir, String fakeAcceptsToken, String rosterToken, String extraConnectors,
                          String extraAgents, String runtimes) throws IOException {
        super(dir, "discord");
        this.discord = new FakeDiscord(fakeAcceptsToken, GUILD, List.of(CHANNEL));
        environment.put("DISCORD_BOT_TOKEN", rosterToken);
        writeRoster("""
                    discord:
                      token: "${env:DISCORD_BOT_TOKEN}"
                      guild: "%s"
                      channel: "%s"
                      apiBase: "%s"
                      gatewayUrl: "%s"
                """.formatted(GUILD, CHANNEL, discord.apiBase(), discord.gatewayUrl()) + extraConnectors,
                OWNER, OPS, WATCHER, extraAgents, runtimes);
    }

    /** Waits until the Discord connector is CONNECTED (logged in, guild cached, slash commands registered). */
    @Override
    void awaitConnected() {
        await().atMost(30, TimeUnit.SECONDS).until(() -> "CONNECTED".equals(connectorState("discord").path("state").asText())
                && discord.registeredCommands() != null);
    }

    /** What the bot posted in the channel as a reply (message reference) to {@code messageId}. */
    List<Posted> repliesTo(String messageId) {
        return discord.posted(CHANNEL).stream().filter(p -> messageId.equals(p.replyTo())).toList();
    }

    /** Waits for the first reply to {@code messageId} and returns its text. */
    String awaitReplyTo(String messageId) {
        return awaitFirstReply(messageId, () -> repliesTo(messageId), () -> discord.posted(CHANNEL), 30).content();
    }

    @Override
    void closeFake() throws InterruptedException {
        discord.close();
    }
}
