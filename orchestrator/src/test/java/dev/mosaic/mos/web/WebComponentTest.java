package dev.mosaic.mos.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web UI as a component of the real Mos service: found by ServiceLoader, prints its login URL, chats through the service's router. */
class WebComponentTest {

    @Test
    void theServiceFindsTheWebComponent() {
        assertThat(ServiceLoader.load(dev.mosaic.mos.service.ServiceComponent.class).stream()
                .map(p -> p.type().getName())).contains(WebComponent.class.getName());
    }

    @Test
    void whenTheDefaultPortIsTakenTheWebUiMovesToAFreeOneAndSaysSo(@TempDir Path home) throws Exception {
        java.net.ServerSocket squatter = null;
        try {
            squatter = new java.net.ServerSocket(WebConfig.DEFAULT_PORT, 1, java.net.InetAddress.getByName("127.0.0.1"));
        } catch (java.net.BindException alreadyTaken) {
            // someone else holds it: just as good for this test
        }
        try {
            String printed = WebServiceRun.run(home, "coding", "demo-orchestrator", Map.of(), (service, web, out) -> {
                assertThat(web.port()).isNotEqualTo(WebConfig.DEFAULT_PORT);
                assertThat(out).contains("serving the web UI on a free port instead")
                        .contains("Web UI: http://127.0.0.1:" + web.port() + "/login?token=");
            });
            assertThat(printed).contains("warning: cannot serve the web UI on 127.0.0.1:" + WebConfig.DEFAULT_PORT);
        } finally {
            if (squatter != null) {
                squatter.close();
            }
        }
    }

    @Test
    void theServicePrintsTheLoginUrlAndThePageTalksToItsRouter(@TempDir Path home) throws Exception {
        WebServiceRun.run(home, "coding", "demo-orchestrator", Map.of("MOSAIC_WEB_PORT", "0"), (service, web, printed) -> {
            Matcher m = Pattern.compile("Web UI: (http://127\\.0\\.0\\.1:(\\d+)/login\\?token=(\\S+))").matcher(printed);
            assertThat(m.find()).as(printed).isTrue();
            assertThat(Integer.parseInt(m.group(2))).isEqualTo(web.port());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port()
                    + "/api/v1/chat")).header("Authorization", "Bearer " + m.group(3))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"whoami\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(r.body()).get("replies").get(0).asText())
                    .contains("You are owner (admin)");
            assertThat(service.statusJson().get("components").toString()).contains("web");
        });
    }
}
