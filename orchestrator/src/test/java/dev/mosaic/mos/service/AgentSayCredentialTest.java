package dev.mosaic.mos.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.connector.testkit.LoopbackConnector;
import dev.mosaic.fleet.engine.SayCredentials;
import dev.mosaic.mos.testing.CliRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each agent Mos starts speaks with its own say-credential: the service posts and audits its
 * words as that agent, and it cannot speak as Mos or as another agent, from its own terminal
 * (a real pane running the real CLI) or by calling the endpoint itself.
 */
class AgentSayCredentialTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    ServiceFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new ServiceFixture(dir);
        // "spy" runs the real `mosaic mos say` from its pane: as itself, posing as Mos, lying about its name
        String spy = """
                printf '%s ready\\n' "$MOSAIC_AGENT_NAME"
                while IFS= read -r line; do
                  case "$line" in
                    pose*) "$MOSAIC_LAUNCHER" mos say --as mos --to discord:c9 -- "I am Mos, obey"; printf 'pose exit %s\\n' "$?" ;;
                    lie*) MOSAIC_AGENT_NAME=mos "$MOSAIC_LAUNCHER" mos say --to discord:c9 -- "named mos"; printf 'lie exit %s\\n' "$?" ;;
                    say*) "$MOSAIC_LAUNCHER" mos say --to discord:c9 -- "${line#say }"; printf 'say exit %s\\n' "$?" ;;
                  esac
                done
                """;
        Files.writeString(f.rosterFile, f.roster("c1").replace("runtimes:\n",
                "  - { name: spy, role: demo, runtime: spy, workdir: " + dir + " }\nruntimes:\n"
                        + ServiceFixture.bashRuntime("spy", "demo-spy", spy)));
        f.start();
        f.startFleetAwaiting("spy", "echo-1", "mos");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** The credential Mos gave the agent, read from its process's environment (only this user can). */
    String credentialOf(String agent) throws Exception {
        String pid = f.tmux("display-message", "-p", "-t", "=" + agent + ":0.0", "#{pane_pid}").strip();
        return Arrays.stream(Files.readString(Path.of("/proc", pid, "environ")).split("\0"))
                .filter(v -> v.startsWith(SayCredentials.ENV + "=")).map(v -> v.substring(SayCredentials.ENV.length() + 1))
                .findFirst().orElseThrow();
    }

    HttpResponse<String> post(String bearer, String path, String body) throws Exception {
        ServiceFile s = ServiceFile.read(ServiceFile.path(f.home)).orElseThrow();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path))
                .header("Authorization", "Bearer " + bearer);
        b = body == null ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    List<JsonNode> audit() throws Exception {
        return Files.readAllLines(f.home.resolve("audit/audit.jsonl")).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void anAgentInItsPaneSpeaksOnlyAsItself() throws Exception {
        LoopbackConnector chat = f.chat();
        f.service.fleet().send("spy", "say tests pass");
        OutboundMessage said = chat.awaitReply(Duration.ofSeconds(60));
        assertThat(said.text()).isEqualTo("**spy**: tests pass");
        await().atMost(30, TimeUnit.SECONDS).until(() -> f.pane("spy").contains("say exit 0"));

        // --as is refused inside an agent, with the reason; nothing is posted
        f.service.fleet().send("spy", "pose");
        await().atMost(60, TimeUnit.SECONDS).until(() -> f.pane("spy").contains("pose exit 2"));
        assertThat(f.pane("spy")).contains("--as is refused inside an agent: agent spy speaks only as itself");

        // a lie about its name changes nothing: the credential names the speaker
        f.service.fleet().send("spy", "lie");
        OutboundMessage lie = chat.awaitReply(Duration.ofSeconds(60));
        assertThat(lie.text()).isEqualTo("**spy**: named mos");
        assertThat(chat.sent()).noneMatch(m -> m.text().contains("I am Mos"));

        // audited as the agent, every time (the record follows the post)
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThat(audit())
                .filteredOn(a -> a.path("action").asText().equals("mos.say"))
                .extracting(a -> a.path("actor").asText()).containsExactly("agent:spy", "agent:spy"));
    }

    @Test
    void aCredentialCannotSpeakAsMosOrAnotherAgentAndAForgedOneIsRefused() throws Exception {
        String spy = credentialOf("spy");
        assertThat(spy).startsWith("mos1.spy.");
        assertThat(credentialOf("echo-1")).startsWith("mos1.echo-1.").isNotEqualTo(spy);

        HttpResponse<String> asMos = post(spy, "/v1/say", "{\"agent\":\"mos\",\"to\":\"discord:c9\",\"text\":\"obey\"}");
        assertThat(asMos.statusCode()).isEqualTo(403);
        assertThat(asMos.body()).contains("belongs to agent spy, which speaks only as itself, not as 'mos'");
        HttpResponse<String> asOther = post(spy, "/v1/say", "{\"agent\":\"echo-1\",\"to\":\"discord:c9\",\"text\":\"x\"}");
        assertThat(asOther.statusCode()).isEqualTo(403);
        HttpResponse<String> sendAs = post(spy, "/v1/send", "{\"agent\":\"echo-1\",\"from\":\"mos\",\"text\":\"x\"}");
        assertThat(sendAs.statusCode()).isEqualTo(403);
        assertThat(post(spy, "/v1/status", null).statusCode()).isEqualTo(403);

        // forged: another agent's name in it, a changed mac, a key from another MOSAIC_HOME
        String renamed = spy.replace("mos1.spy.", "mos1.mos.");
        String flipped = spy.substring(0, spy.length() - 1) + (spy.endsWith("0") ? "1" : "0");
        String foreign = SayCredentials.of(dir.resolve("elsewhere")).issue("mos");
        for (String forged : List.of(renamed, flipped, foreign)) {
            HttpResponse<String> r = post(forged, "/v1/say", "{\"agent\":\"mos\",\"to\":\"discord:c9\",\"text\":\"x\"}");
            assertThat(r.statusCode()).as(forged).isEqualTo(401);
            assertThat(r.body()).contains("say-credential is not valid");
            CliRun cli = f.cli(Map.of(SayCredentials.ENV, forged), "mos", "say", "--to", "discord:c9", "hi");
            assertThat(cli.code()).isEqualTo(1);
            assertThat(cli.err()).contains("say-credential is not valid");
        }
        assertThat(f.chat().sent()).isEmpty();

        // the real one speaks, as its agent
        CliRun ok = f.cli(Map.of(SayCredentials.ENV, spy, "MOSAIC_AGENT_NAME", "mos"), "mos", "say", "--to",
                "discord:c9", "hello");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(f.chat().awaitReply().text()).isEqualTo("**spy**: hello");

        // a person at the terminal (no credential) still speaks as any agent, the orchestrator too
        CliRun person = f.cli(Map.of(), "mos", "say", "--as", "mos", "--to", "discord:c9", "from the owner");
        assertThat(person.code()).as(person.err()).isZero();
        assertThat(f.chat().awaitReply().text()).isEqualTo("from the owner");
    }
}
