package dev.mosaic.mos.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One fleet engine per service: a chat {@code send} waits while a person types into the same
 * agent from the web page, and arrives after their pause, never inside their line.
 */
class ChatSendWaitsForTypingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aChatSendWaitsForThePersonTypingInThePageThenArrivesWhole(@TempDir Path home) throws Exception {
        // the orchestrator agent is a plain cat: what reaches its terminal is echoed line by line
        WebServiceRun.run(home, "general", "shell, command: cat", Map.of("MOSAIC_WEB_PORT", "0"),
                (service, web, printed) -> {
            service.fleet().start(List.of());
            Matcher m = Pattern.compile("login\\?token=(\\S+)").matcher(printed);
            assertThat(m.find()).as(printed).isTrue();
            String token = m.group(1);
            String base = "http://127.0.0.1:" + web.port();
            HttpClient http = HttpClient.newHttpClient();

            assertThat(post(http, base, token, "/api/v1/agents/mos/input", "{\"text\":\"half a \"}").statusCode())
                    .isEqualTo(200);
            CompletableFuture<HttpResponse<String>> chat = http.sendAsync(request(base, token, "/api/v1/chat",
                    "{\"text\":\"send mos from-the-bot\"}"), HttpResponse.BodyHandlers.ofString());
            AtomicLong answeredAt = new AtomicLong();
            chat.thenRun(() -> answeredAt.set(System.nanoTime()));
            // the person keeps composing for a while (the page reports each keystroke); the bot's send waits
            for (int i = 0; i < 5; i++) {
                assertThat(post(http, base, token, "/api/v1/agents/mos/typing", "{}").statusCode()).isEqualTo(204);
                await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> true);
            }
            assertThat(chat).as("the chat send waits while the person types").isNotDone();
            long typingAgain = System.nanoTime(); // the lease is renewed after this instant
            assertThat(post(http, base, token, "/api/v1/agents/mos/input",
                    "{\"text\":\"line\",\"keys\":[\"Enter\"]}").statusCode()).isEqualTo(200);

            HttpResponse<String> reply = chat.get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> answeredAt.get() != 0);
            long waitedMs = (answeredAt.get() - typingAgain) / 1_000_000;
            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
            assertThat(JSON.readTree(reply.body()).get("replies").get(0).asText()).contains("delivered to mos");
            assertThat(waitedMs).as("it arrived only after the person's pause (2 s lease)").isGreaterThan(1_500);

            String pane = service.fleet().capture("mos", 50, false);
            assertThat(pane).contains("half a line", "from-the-bot");
            assertThat(pane.indexOf("half a line")).isLessThan(pane.indexOf("from-the-bot"));
            assertThat(pane.lines()).as("no line mixes the person's and the bot's words")
                    .noneMatch(l -> l.contains("half") && l.contains("bot"));
        });
    }

    private static HttpRequest request(String base, String token, String path, String json) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Origin", base).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static HttpResponse<String> post(HttpClient http, String base, String token, String path, String json)
            throws Exception {
        return http.send(request(base, token, path, json), HttpResponse.BodyHandlers.ofString());
    }
}
