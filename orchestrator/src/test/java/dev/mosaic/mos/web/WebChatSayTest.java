package dev.mosaic.mos.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mosaic.mos.service.LocalClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web chat panel is a conversation like any other: free text typed there reaches the
 * orchestrator agent's pane, and the agent's {@code mosaic mos say} answer comes back to the page.
 */
class WebChatSayTest {

    @Test
    void theOrchestratorsSayAnswerReachesThePageThatAsked(@TempDir Path home) throws Exception {
        WebServiceRun.run(home, "demo", "demo-orchestrator", Map.of("MOSAIC_WEB_PORT", "0"), (service, web, printed) -> {
            CompletableFuture<HttpResponse<Stream<String>>> sse = null;
            try {
                service.fleet().start(List.of());
                Matcher m = Pattern.compile("login\\?token=(\\S+)").matcher(printed);
                assertThat(m.find()).as(printed).isTrue();
                String token = m.group(1);
                String base = "http://127.0.0.1:" + web.port();
                HttpClient http = HttpClient.newHttpClient();

                List<String> events = new CopyOnWriteArrayList<>();
                sse = http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                        HttpResponse.BodyHandlers.ofLines());
                sse.thenAccept(r -> r.body().forEach(events::add));

                HttpResponse<String> asked = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/chat"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("Origin", base).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"please summarise the day\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(service.fleet().capture("mos", 50, false)).contains("please summarise the day"));

                // what the orchestrator agent runs: `mosaic mos say "..."` with MOSAIC_AGENT_NAME=mos
                LocalClient.of(home).say("mos", null, "Today: 3 PRs merged");
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(String.join("\n", events)).contains("event: chat").contains("Today: 3 PRs merged"));
            } finally {
                if (sse != null) {
                    sse.cancel(true);
                }
            }
        });
    }
}
