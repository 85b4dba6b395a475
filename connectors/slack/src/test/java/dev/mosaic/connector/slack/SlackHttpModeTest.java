package dev.mosaic.connector.slack;

import dev.mosaic.connector.Addressing;
import dev.mosaic.connector.ConnectorConfig;
import dev.mosaic.connector.InboundMessage;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.slack.fake.FakeSlack;
import dev.mosaic.connector.testkit.TestConnectorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * HTTP Events API mode: Slack's requests reach Mos only with a valid signature made within the
 * last five minutes; the URL check is answered; events and the slash command work as over Socket Mode.
 */
class SlackHttpModeTest {

    static final String BOT_TOKEN = "xoxb-http-bot-token";
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String CHANNEL = "C0MOSOPS1";
    static final String ALICE = "U0ALICE01";

    @TempDir
    Path state;
    FakeSlack fake;
    SlackConnector connector;
    final List<InboundMessage> received = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();
    URI events;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeSlack(BOT_TOKEN, "xapp-unused", List.of(CHANNEL));
        connector = (SlackConnector) new SlackConnectorProvider().create(new ConnectorConfig("slack", Map.of(
                "botToken", BOT_TOKEN, "channels", CHANNEL, "mode", "http", "signingSecret", SECRET, "port", "0",
                "apiBase", fake.apiBase())), TestConnectorContext.in(state));
        connector.start(received::add);
        events = URI.create("http://127.0.0.1:" + connector.httpPort() + "/slack/events");
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        fake.close();
    }

    private HttpResponse<String> post(String body, String contentType, long timestamp, String secret) throws Exception {
        String signature = "v0=" + HexFormat.of().formatHex(hmac(secret, "v0:" + timestamp + ":" + body));
        return http.send(HttpRequest.newBuilder(events).header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", String.valueOf(timestamp)).header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] hmac(String secret, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String event(String text, String ts) {
        return """
                {"token":"x","team_id":"%s","api_app_id":"%s","type":"event_callback","event_id":"Ev%s","event_time":1,
                 "event":{"type":"message","channel":"%s","user":"%s","text":"%s","ts":"%s","channel_type":"channel"}}
                """.formatted(FakeSlack.TEAM_ID, FakeSlack.APP_ID, ts.replace(".", ""), CHANNEL, ALICE, text, ts);
    }

    private static String nowTs() {
        Instant now = Instant.now();
        return now.getEpochSecond() + "." + String.format("%06d", now.getNano() / 1000);
    }

    @Test
    void aSignedEventIsDeliveredAndItsRetryIsNot() throws Exception {
        String ts = nowTs();
        String body = event("!mos ps", ts);
        long now = Instant.now().getEpochSecond();

        assertThat(post(body, "application/json", now, SECRET).statusCode()).isEqualTo(200);
        assertThat(post(body, "application/json", now, SECRET).statusCode()).as("Slack's retry").isEqualTo(200);

        await().atMost(10, TimeUnit.SECONDS).until(() -> !received.isEmpty());
        post(event("marker", nowTs()), "application/json", now, SECRET);
        await().atMost(10, TimeUnit.SECONDS).until(() -> received.size() == 2);
        assertThat(received.get(0).text()).isEqualTo("!mos ps");
        assertThat(received.get(0).sender().id()).isEqualTo(ALICE);
        assertThat(received.get(0).messageId()).isEqualTo(ts);
    }

    @Test
    void aForgedOrStaleRequestIsRefusedBeforeAnyHandler() throws Exception {
        long now = Instant.now().getEpochSecond();

        assertThat(post(event("!mos stop all", nowTs()), "application/json", now, "not-the-secret").statusCode())
                .isEqualTo(401);
        assertThat(post(event("!mos stop all", nowTs()), "application/json", now - 6 * 60, SECRET).statusCode())
                .as("signed, but more than five minutes ago: a replay").isEqualTo(401);
        assertThat(post(event("!mos ps", nowTs()), "application/json", now - 4 * 60, SECRET).statusCode())
                .as("within the window").isEqualTo(200);

        await().atMost(10, TimeUnit.SECONDS).until(() -> !received.isEmpty());
        assertThat(received).extracting(InboundMessage::text).containsExactly("!mos ps");
    }

    @Test
    void theRequestUrlCheckIsAnswered() throws Exception {
        HttpResponse<String> r = post("{\"token\":\"x\",\"challenge\":\"3eZbrw1aB\",\"type\":\"url_verification\"}",
                "application/json", Instant.now().getEpochSecond(), SECRET);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("3eZbrw1aB");
    }

    @Test
    void theSlashCommandWorksOverHttpAndAnExpiredResponseUrlFallsBackToPosting() throws Exception {
        String trigger = "trg-http-1";
        // The fake never issued this trigger, so its response_url answers 404 like an expired one:
        // the reply must then be posted into the channel instead of being lost.
        String form = "command=" + enc("/mos") + "&text=" + enc("status echo-1") + "&user_id=" + ALICE
                + "&user_name=alice&channel_id=" + CHANNEL + "&team_id=" + FakeSlack.TEAM_ID + "&trigger_id=" + trigger
                + "&response_url=" + enc(fake.apiBase().replace("/api/", "/respond/") + trigger);

        HttpResponse<String> r = post(form, "application/x-www-form-urlencoded", Instant.now().getEpochSecond(), SECRET);

        assertThat(r.statusCode()).isEqualTo(200);
        await().atMost(10, TimeUnit.SECONDS).until(() -> !received.isEmpty());
        InboundMessage m = received.get(0);
        assertThat(m.addressing()).isEqualTo(Addressing.SLASH_COMMAND);
        assertThat(m.text()).isEqualTo("status echo-1");
        connector.send(OutboundMessage.replyTo(m, "echo-1 is running"));
        assertThat(fake.posted(CHANNEL)).singleElement().satisfies(p -> {
            assertThat(p.text()).isEqualTo("echo-1 is running");
            assertThat(p.via()).as("the expired response_url falls back to posting").isEqualTo("chat.postMessage");
        });
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
