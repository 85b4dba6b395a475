package dev.mosaic.mos.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.fleet.audit.AuditRecord;
import dev.mosaic.fleet.ps.AgentState;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API against a real fleet: what a script or the page gets back, and what it is refused. */
class WebApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path home;

    static WebFixture fx;
    static String owner;
    static String ops;
    static String watcher;

    @BeforeAll
    static void start() throws Exception {
        fx = new WebFixture(home);
        fx.startAgents();
        owner = fx.token("owner");
        ops = fx.token("ops");
        watcher = fx.token("watcher");
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void requestsWithoutAValidTokenAreRefusedWith401AndAJsonError() throws Exception {
        HttpResponse<String> none = fx.get("api/v1/fleet", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(none.body()).at("/error/code").asText()).isEqualTo("unauthorized");
        assertThat(fx.get("api/v1/fleet", "not-a-token").statusCode()).isEqualTo(401);
        assertThat(fx.get("", null).statusCode()).isEqualTo(401);
        assertThat(fx.get("assets/app.js", null).statusCode()).isEqualTo(401);
    }

    @Test
    void tokensLiveInAnOwnerOnlyFileAndSurviveARestart() throws Exception {
        Path file = home.resolve("run/web-tokens.json");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(file)).contains(owner, ops, watcher);
        assertThat(new TokenStore(file).ensure(List.of("owner")).get("owner")).isEqualTo(owner);
        assertThat(Files.getPosixFilePermissions(home.resolve("run/web-url.txt")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(home.resolve("run/web-url.txt"))).contains("/login?token=" + owner);
    }

    @Test
    void theLoginUrlLeadsToAConfirmPageWhosePostSetsAStrictHttpOnlySessionCookie() throws Exception {
        HttpResponse<String> page = fx.get("login?token=" + owner, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Log in as owner").contains("method=\"post\"");
        assertThat(page.headers().allValues("Set-Cookie")).isEmpty();
        HttpResponse<String> r = fx.postLogin(owner, fx.origin());
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("mosaic_session=").doesNotContain(owner).containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict");
        HttpResponse<String> home = fx.getWithCookie("", WebFixture.sessionCookie(r));
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("<title>Mos</title>");
        assertThat(home.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("script-src 'self'"));
    }

    @Test
    void fleetIsThePsV1ContractAndAgentsCanBeAskedOneByOne() throws Exception {
        JsonNode fleet = JSON.readTree(fx.get("api/v1/fleet", watcher).body());
        assertThat(fleet.get("schema").asText()).isEqualTo("mosaic.fleet.ps/v1");
        assertThat(fleet.get("agents").findValuesAsText("name")).contains("mos", "coder-1", "coder-2");
        HttpResponse<String> one = fx.get("api/v1/agents/coder-1", watcher);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(one.body()).get("state").asText()).isEqualTo("running");
        HttpResponse<String> unknown = fx.get("api/v1/agents/nobody", watcher);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).at("/error/message").asText()).contains("'nobody' is not in the roster");
        assertThat(fx.get("api/v1/agents/Bad.Name", watcher).statusCode()).isEqualTo(400);
        assertThat(fx.get("api/v1/nothing-here", watcher).statusCode()).isEqualTo(404);
    }

    @Test
    void theScreenShowsWhatIsInThePaneWithColoursAndSize() throws Exception {
        fx.tmux("send-keys", "-t", "=coder-1:0.0", "-l", "printf '\\033[31mred-%s\\033[0m\\n' alert");
        fx.tmux("send-keys", "-t", "=coder-1:0.0", "Enter");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode s = JSON.readTree(fx.get("api/v1/agents/coder-1/screen", ops).body());
            assertThat(s.get("name").asText()).isEqualTo("coder-1");
            assertThat(s.get("cols").asInt()).isGreaterThan(20);
            assertThat(s.get("rows").asInt()).isGreaterThan(5);
            assertThat(s.get("ansi").asText()).contains("\u001b[31mred-alert");
        });
    }

    @Test
    void anOperatorButtsInLiterallyAndTheInputIsAuditedWithoutItsText() throws Exception {
        HttpResponse<String> r = fx.post("api/v1/agents/coder-1/input", ops,
                "{\"text\":\"echo butt-$((40+2));\",\"keys\":[\"Enter\"]}", Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(fx.fleet.capture("coder-1", 50, false)).contains("butt-42"));
        AuditRecord last = fx.audit.read().stream().map(e -> e.record())
                .filter(a -> a.action().equals("agent.input")).reduce((a, b) -> b).orElseThrow();
        assertThat(last.actor()).isEqualTo("web:ops");
        assertThat(last.target()).isEqualTo("coder-1");
        assertThat(last.details().toString()).doesNotContain("butt");
    }

    @Test
    void composingALineInThePageHoldsAutomatedSendsBack() throws Exception {
        assertThat(fx.fleet.typingLease().held("mos")).isFalse();
        assertThat(fx.post("api/v1/agents/mos/typing", watcher, "", Map.of()).statusCode()).isEqualTo(403);
        assertThat(fx.fleet.typingLease().held("mos")).isFalse();
        assertThat(fx.post("api/v1/agents/mos/typing", ops, "", Map.of()).statusCode()).isEqualTo(204);
        assertThat(fx.fleet.typingLease().held("mos")).isTrue();
    }

    @Test
    void viewersCannotTypeOrStopAndBadInputIsA400() throws Exception {
        HttpResponse<String> typed = fx.post("api/v1/agents/coder-1/input", watcher, "{\"text\":\"x\"}", Map.of());
        assertThat(typed.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(typed.body()).at("/error/message").asText()).contains("needs the operator role");
        assertThat(fx.post("api/v1/agents/coder-1/stop", watcher, "", Map.of()).statusCode()).isEqualTo(403);
        HttpResponse<String> key = fx.post("api/v1/agents/coder-1/input", ops, "{\"keys\":[\"kill-server\"]}", Map.of());
        assertThat(key.statusCode()).isEqualTo(400);
        assertThat(key.body()).contains("key 'kill-server' is not allowed");
        assertThat(fx.post("api/v1/agents/coder-1/input", ops, "{nope", Map.of()).statusCode()).isEqualTo(400);
        assertThat(fx.post("api/v1/agents/coder-1/input", ops, "{}", Map.of()).statusCode()).isEqualTo(400);
        assertThat(fx.post("api/v1/agents/coder-1/explode", ops, "", Map.of()).statusCode()).isEqualTo(404);
        assertThat(fx.fleet.status("coder-1").state()).isEqualTo(AgentState.RUNNING);
    }

    @Test
    void stateChangesFromAnotherOriginOrACookieWithoutOriginAreRefused() throws Exception {
        HttpResponse<String> foreign = fx.post("api/v1/agents/coder-1/stop", ops, "",
                Map.of("Origin", "http://evil.example"));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(foreign.body()).at("/error/code").asText()).isEqualTo("bad_origin");
        String session = fx.login("ops");
        HttpResponse<String> cookieOnly = fx.post("api/v1/agents/coder-1/stop", null, "",
                Map.of("Cookie", "mosaic_session=" + session));
        assertThat(cookieOnly.statusCode()).isEqualTo(403);
        String own = "http://" + fx.base.getHost() + ":" + fx.base.getPort();
        HttpResponse<String> sameSite = fx.post("api/v1/agents/coder-1/input", null, "{\"keys\":[\"End\"]}",
                Map.of("Cookie", "mosaic_session=" + session, "Origin", own));
        assertThat(sameSite.statusCode()).as(sameSite.body()).isEqualTo(200);
        assertThat(fx.fleet.status("coder-1").state()).isEqualTo(AgentState.RUNNING);
        // issue 11 row 10: an Authorization header that is no Bearer token does not lift the check
        for (String other : new String[] {"Basic YWxpY2U6eA==", "Token abc", ""}) {
            HttpResponse<String> disguised = fx.post("api/v1/agents/coder-1/stop", null, "",
                    Map.of("Cookie", "mosaic_session=" + session, "Authorization", other));
            assertThat(disguised.statusCode()).as("Authorization: '" + other + "'").isEqualTo(403);
        }
        assertThat(fx.fleet.status("coder-1").state()).isEqualTo(AgentState.RUNNING);
    }

    @Test
    void stopAndStartChangeTheFleetAndTheEventStreamReportsIt() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(fx.base.resolve("api/v1/events"))
                .header("Authorization", "Bearer " + watcher).header("Accept", "text/event-stream").build();
        HttpResponse<InputStream> stream = fx.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader br = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String l = br.readLine(); l != null; l = br.readLine()) {
                    lines.add(l);
                }
            } catch (Exception closed) {
                // the test ended the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("event: fleet"));
            HttpResponse<String> stopped = fx.post("api/v1/agents/coder-2/stop", ops, "", Map.of());
            assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
            assertThat(JSON.readTree(stopped.body()).get("result").asText()).isEqualTo("stopped");
            assertThat(fx.fleet.status("coder-2").state()).isEqualTo(AgentState.STOPPED);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines).anySatisfy(l ->
                    assertThat(l).startsWith("data:").contains("\"name\":\"coder-2\"").contains("\"state\":\"stopped\"")));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines).anySatisfy(l ->
                    assertThat(l).startsWith("data:").contains("\"action\":\"agent.stop\"").contains("web:ops")));
            HttpResponse<String> started = fx.post("api/v1/agents/coder-2/start", ops, "", Map.of());
            assertThat(JSON.readTree(started.body()).get("result").asText()).isEqualTo("started");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines).anySatisfy(l ->
                    assertThat(l).contains("\"name\":\"coder-2\"").contains("\"state\":\"running\"")));
        } finally {
            stream.body().close();
        }
    }

    @Test
    void thePaneStreamPushesScreensToTheOwnOriginAndRefusesOthers() throws Exception {
        String session = fx.login("ops");
        String own = "http://" + fx.base.getHost() + ":" + fx.base.getPort();
        URI ws = URI.create("ws://" + fx.base.getHost() + ":" + fx.base.getPort() + "/api/v1/agents/coder-1/stream");
        assertThatThrownBy(() -> fx.http.newWebSocketBuilder().header("Origin", "http://evil.example")
                .header("Cookie", "mosaic_session=" + session)
                .buildAsync(ws, new WebSocket.Listener() { }).join())
                .isInstanceOf(CompletionException.class).rootCause().hasMessageContaining("403");
        assertThatThrownBy(() -> fx.http.newWebSocketBuilder().header("Origin", own)
                .buildAsync(ws, new WebSocket.Listener() { }).join())
                .isInstanceOf(CompletionException.class).rootCause().hasMessageContaining("401");
        List<String> messages = new CopyOnWriteArrayList<>();
        WebSocket socket = fx.http.newWebSocketBuilder().header("Origin", own)
                .header("Cookie", "mosaic_session=" + session)
                .buildAsync(ws, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            messages.add(partial.toString());
                            partial.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !messages.isEmpty());
            assertThat(JSON.readTree(messages.get(0)).get("type").asText()).isEqualTo("screen");
            fx.tmux("send-keys", "-t", "=coder-1:0.0", "-l", "echo streamed-live");
            fx.tmux("send-keys", "-t", "=coder-1:0.0", "Enter");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(messages).anySatisfy(m ->
                    assertThat(JSON.readTree(m).get("ansi").asText()).contains("streamed-live")));
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }

    @Test
    void theChatPanelSpeaksTheCommandLanguageAsThePrincipal() throws Exception {
        HttpResponse<String> who = fx.post("api/v1/chat", watcher, "{\"text\":\"whoami\"}", Map.of());
        assertThat(who.statusCode()).as(who.body()).isEqualTo(200);
        assertThat(JSON.readTree(who.body()).get("replies").get(0).asText())
                .contains("You are watcher (viewer)").contains("web id is watcher");
        HttpResponse<String> refused = fx.post("api/v1/chat", watcher, "{\"text\":\"stop coder-1\"}", Map.of());
        assertThat(JSON.readTree(refused.body()).get("replies").get(0).asText()).contains("needs the operator role");
        assertThat(fx.fleet.status("coder-1").state()).isEqualTo(AgentState.RUNNING);
        assertThat(fx.post("api/v1/chat", watcher, "{\"text\":\"  \"}", Map.of()).statusCode()).isEqualTo(400);
    }

    @Test
    void aNonLoopbackBindWithoutAnyTokenIsRefused(@TempDir Path other) throws Exception {
        Path roster = other.resolve("roster.yaml");
        Files.writeString(roster, """
                version: 1
                fleet: { name: bare, type: coding, comms: tmux }
                orchestrator: { name: mos, runtime: shell, command: cat }
                """);
        var store = new dev.mosaic.fleet.roster.RosterStore(roster);
        WebServer open = new WebServer(new WebConfig("0.0.0.0", 0, other.resolve("run/web-tokens.json"), List.of()),
                fx.fleet, store::load, fx.app, java.time.Clock.systemUTC());
        assertThatThrownBy(open::start).isInstanceOf(WebException.class)
                .hasMessageContaining("refusing to serve the web UI on 0.0.0.0 without a token");
    }
}
