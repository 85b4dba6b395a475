package dev.mosaic.fleet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code mosaic} Mos puts on a remote host for its agents ({@code bin/mosaic} of the kit), run
 * as a real bash process against an HTTP server standing in for the service's forwarded endpoint.
 * The end-to-end run over a real sshd is {@code RemoteHostEndToEndTest}.
 */
class RemoteMosaicScriptTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    HttpServer server;
    final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    final List<String> bearers = new CopyOnWriteArrayList<>();
    volatile int status = 200;
    volatile String answer = "{\"conversation\":\"discord:c1\"}";
    Path script;
    Path home;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/say", ex -> {
            bodies.add(JSON.readTree(ex.getRequestBody().readAllBytes()));
            bearers.add(ex.getRequestHeaders().getFirst("Authorization"));
            byte[] b = answer.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        script = dir.resolve("bin/mosaic");
        Files.createDirectories(script.getParent());
        Files.write(script, Launcher.kit().get("bin/mosaic"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        home = dir.resolve("home");
        Files.createDirectories(home.resolve("run"));
        Files.writeString(home.resolve("run/mos-service.json"), "{\"pid\":1,\"port\":" + server.getAddress().getPort()
                + ",\"token\":\"host-token-of-dragon\",\"startedAt\":\"2026-12-07T09:00:00Z\"}\n");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    Run run(Map<String, String> env, String stdin, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(script.toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "HOME", dir.toString(), "LANG", "C.UTF-8",
                "MOSAIC_HOME", home.toString()));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    static Map<String, String> agent(String name) {
        Map<String, String> env = new HashMap<>();
        env.put("MOSAIC_AGENT_NAME", name);
        env.put("MOSAIC_SAY_TOKEN", "mos1." + name + "." + "a".repeat(32) + "." + "b".repeat(64));
        return env;
    }

    @Test
    void anAgentSaysAnythingLiterallyWithItsCredential() throws Exception {
        String text = "it's $(touch PWNED) `id`; \"quoted\" back\\slash\ttab ünïcødé ✓ #{pane_id}";
        Run r = run(agent("rem-1"), "", "mos", "say", "--", text);

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("said in discord:c1\n");
        assertThat(bodies).hasSize(1);
        assertThat(bodies.get(0).path("agent").asText()).isEqualTo("rem-1");
        assertThat(bodies.get(0).path("text").asText()).isEqualTo(text);
        assertThat(bodies.get(0).get("to").isNull()).isTrue();
        assertThat(bearers.get(0)).isEqualTo("Bearer " + agent("rem-1").get("MOSAIC_SAY_TOKEN"));
        assertThat(dir.resolve("PWNED")).doesNotExist();
    }

    @Test
    void textFromStandardInputKeepsItsLinesAndToPicksTheConversation() throws Exception {
        Run r = run(agent("rem-1"), "line one\nline \"two\"\n", "mos", "say", "--to", "matrix:!room:hs", "-");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(bodies.get(0).path("text").asText()).isEqualTo("line one\nline \"two\"\n");
        assertThat(bodies.get(0).path("to").asText()).isEqualTo("matrix:!room:hs");
    }

    @Test
    void withoutACredentialTheHostTokenSpeaksForTheNamedAgent() throws Exception {
        Run r = run(Map.of("MOSAIC_AGENT_NAME", "rem-2"), "", "mos", "say", "hello", "there");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(bodies.get(0).path("agent").asText()).isEqualTo("rem-2");
        assertThat(bodies.get(0).path("text").asText()).isEqualTo("hello there");
        assertThat(bearers.get(0)).isEqualTo("Bearer host-token-of-dragon");
    }

    @Test
    void theServicesRefusalIsShownAndExitsOne() throws Exception {
        status = 403;
        answer = "{\"error\":\"this token is for the agents on host dragon and may only say or send\"}";
        Run r = run(Map.of("MOSAIC_AGENT_NAME", "loc-1"), "", "mos", "say", "posing");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("mosaic: this token is for the agents on host dragon and may only say or send\n");
    }

    @Test
    void usageMistakesExitTwoWithAClearMessageAndNothingIsSent() throws Exception {
        Run as = run(agent("rem-1"), "", "mos", "say", "--as", "mos", "I am Mos");
        assertThat(as.code()).isEqualTo(2);
        assertThat(as.err()).contains("--as is refused inside an agent: agent rem-1 speaks only as itself");

        Run nobody = run(Map.of(), "", "mos", "say", "hi");
        assertThat(nobody.code()).isEqualTo(2);
        assertThat(nobody.err()).contains("who is speaking? MOSAIC_AGENT_NAME is not set");

        Run other = run(agent("rem-1"), "", "fleet", "ps");
        assertThat(other.code()).isEqualTo(2);
        assertThat(other.err()).contains("'mosaic fleet ps' is not available on this host",
                "only 'mosaic mos say' here");

        Run help = run(Map.of(), "", "mos", "say", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: mosaic mos say [--to CONVERSATION]");
        assertThat(bodies).isEmpty();
    }

    @Test
    void aServiceThatIsGoneIsReportedAsNotRunning() throws Exception {
        server.stop(0);
        Run down = run(agent("rem-1"), "", "mos", "say", "hi");
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.err()).contains("Mos is not running (nobody answers on port");

        Files.delete(home.resolve("run/mos-service.json"));
        Run noFile = run(agent("rem-1"), "", "mos", "say", "hi");
        assertThat(noFile.code()).isEqualTo(1);
        assertThat(noFile.err()).contains("Mos is not running (no " + home.resolve("run/mos-service.json"));
    }
}
