package dev.mosaic.mos.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A viewer refused an operation hears it from one and the same check, in chat and on the web. */
class OneCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private WebFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new WebFixture(home);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void aViewerGetsTheSameRefusalInChatAnd403OnTheWeb() throws Exception {
        String watcher = fx.token("watcher");

        HttpResponse<String> web = fx.post("api/v1/agents/coder-1/stop", watcher, "", Map.of());
        HttpResponse<String> chat = fx.post("api/v1/chat", watcher, "{\"text\":\"stop coder-1\"}", Map.of());

        assertThat(web.statusCode()).isEqualTo(403);
        JsonNode error = JSON.readTree(web.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("forbidden");
        String reply = JSON.readTree(chat.body()).get("replies").get(0).asText();
        assertThat(reply).isEqualTo("Sorry, `stop` needs the operator role; you are a viewer. Try `help` for what"
                + " you can run.");
        assertThat(error.get("message").asText()).as("the web's 403 carries the chat's words").isEqualTo(reply);
        assertThat(fx.audit.read()).noneMatch(e -> e.record().action().equals("agent.stop"));
    }
}
