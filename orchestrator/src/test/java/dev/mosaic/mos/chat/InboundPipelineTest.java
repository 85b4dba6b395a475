package dev.mosaic.mos.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.connector.Conversation;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.Sender;
import dev.mosaic.connector.testkit.LoopbackConnector;
import dev.mosaic.connector.testkit.TestConnectorContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inbound steps, in the order the issue gives: self and bots are dropped first, each step its own. */
class InboundPipelineTest {

    @TempDir
    Path dir;

    @Test
    void theChatRouterRunsTheStepsInOrder() throws Exception {
        try (RouterFixture f = new RouterFixture(dir, ChatConfig.defaults())) {
            assertThat(f.router.steps()).containsExactly("ignore self and bots", "addressed", "dedupe", "identify",
                    "rate limit", "acknowledge", "dispatch");
        }
    }

    @Test
    void anUnlistedBotStopsAtTheFirstStepAndCostsNoDedupeRecordWhileAPersonAndAListedBotPassEveryStep() {
        MessageDeduper deduper = new MessageDeduper(dir.resolve("seen.txt"), 100, RouterFixture.START);
        Authorizer authorizer = new Authorizer(RouterFixture::roster);
        List<String> ran = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        InboundPipeline pipeline = new InboundPipeline(Clock.systemUTC(), List.of(
                InboundPipeline.ignoreSelfAndBots(authorizer),
                InboundPipeline.dedupe(deduper),
                InboundPipeline.identify(authorizer, d -> refused.add(d.actor())),
                InboundPipeline.named("dispatch", d -> ran.add(d.actor() + " as " + d.principal().name()))));
        LoopbackConnector chat = new LoopbackConnector(TestConnectorContext.in(dir.resolve("loopback")));

        pipeline.run(message("m1", new Sender("loopback", "777", "otherbot", true)), chat);
        pipeline.run(message("m2", new Sender("loopback", LoopbackConnector.BOT_ID, "Mos", true)), chat);
        assertThat(deduper.size()).as("a bot's message reaches no later step").isZero();
        assertThat(ran).isEmpty();
        assertThat(refused).as("a bot is never answered").isEmpty();

        pipeline.run(message("m3", new Sender("loopback", "900", "ci", true)), chat);
        pipeline.run(message("m4", new Sender("loopback", "200", "ops", false)), chat);
        pipeline.run(message("m4", new Sender("loopback", "200", "ops", false)), chat);
        pipeline.run(message("m5", new Sender("loopback", "666", "stranger", false)), chat);
        assertThat(ran).containsExactly("loopback:900 as ci-bot", "loopback:200 as ops");
        assertThat(refused).containsExactly("loopback:666");
        assertThat(pipeline.stepNames()).containsExactly("ignore self and bots", "dedupe", "identify", "dispatch");
    }

    private static InboundMessage message(String id, Sender from) {
        return new InboundMessage(id, Conversation.of("loopback", "c1"), from, "ps", RouterFixture.START.plusSeconds(1),
                dev.mosaic.connector.Addressing.DIRECT);
    }
}
