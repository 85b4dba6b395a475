package dev.mosaic.mos.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.fleet.roster.Role;
import dev.mosaic.mos.app.Verb;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 row 4: pane content is read on the web under the same rule as chat's {@code tail}
 * (the role {@link Verb#TAIL} defines, checked by the application layer): a viewer gets the
 * chat's refusal as a 403, on the screen route and the pane stream alike, and never a pane.
 */
class WebPaneAccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    static WebFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new WebFixture(home);
        fx.startAgents();
        fx.tmux("send-keys", "-t", "=coder-1:0.0", "-l", "echo secret-in-the-pane");
        fx.tmux("send-keys", "-t", "=coder-1:0.0", "Enter");
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void aViewerGetsTheChatTailRefusalInsteadOfTheScreen() throws Exception {
        assertThat(Verb.TAIL.minRole()).as("the rule this test holds the web to").isEqualTo(Role.OPERATOR);
        String watcher = fx.token("watcher");
        HttpResponse<String> web = fx.get("api/v1/agents/coder-1/screen", watcher);
        HttpResponse<String> chat = fx.post("api/v1/chat", watcher, "{\"text\":\"tail coder-1\"}", Map.of());

        assertThat(web.statusCode()).isEqualTo(403);
        assertThat(web.body()).doesNotContain("secret-in-the-pane");
        String reply = JSON.readTree(chat.body()).get("replies").get(0).asText();
        assertThat(reply).contains("`tail` needs the operator role; you are a viewer");
        assertThat(JSON.readTree(web.body()).at("/error/message").asText())
                .as("the web refuses with chat's words, from the same check").isEqualTo(reply);
        // unknown agents are refused alike: a viewer learns nothing about the fleet's panes
        assertThat(fx.get("api/v1/agents/nobody/screen", watcher).statusCode()).isEqualTo(403);
    }

    @Test
    void anOperatorReadsThePaneAsChatTailDoes() throws Exception {
        String ops = fx.token("ops");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> r = fx.get("api/v1/agents/coder-1/screen", ops);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).get("ansi").asText()).contains("secret-in-the-pane");
        });
        HttpResponse<String> chat = fx.post("api/v1/chat", ops, "{\"text\":\"tail coder-1\"}", Map.of());
        assertThat(JSON.readTree(chat.body()).get("replies").get(0).asText()).contains("secret-in-the-pane");
    }

    @Test
    void aViewersPaneStreamIsRefusedAtTheUpgradeAndAnOperatorsFlows() throws Exception {
        String viewerSession = fx.login("watcher");
        assertThatThrownBy(() -> WebStreams.pane(fx, "coder-1", Map.of("Cookie", "mosaic_session=" + viewerSession)))
                .isInstanceOf(ExecutionException.class).rootCause().hasMessageContaining("403");
        String opsSession = fx.login("ops");
        try (WebStreams.Pane p = WebStreams.pane(fx, "coder-1", Map.of("Cookie", "mosaic_session=" + opsSession))) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(p.messages).anySatisfy(m ->
                    assertThat(JSON.readTree(m).path("ansi").asText()).contains("secret-in-the-pane")));
        }
    }

    @Test
    void whoamiTellsThePageWhetherItMayShowTerminalsAndWhyNot() throws Exception {
        JsonNode viewer = JSON.readTree(fx.get("api/v1/whoami", fx.token("watcher")).body());
        assertThat(viewer.get("panes").asBoolean()).isFalse();
        assertThat(viewer.get("panesRefused").asText()).contains("`tail` needs the operator role");
        JsonNode operator = JSON.readTree(fx.get("api/v1/whoami", fx.token("ops")).body());
        assertThat(operator.get("panes").asBoolean()).isTrue();
        assertThat(operator.has("panesRefused")).isFalse();
    }
}
