package dev.mosaic.mos.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mosaic.fleet.exec.ProcessCommandRunner;
import dev.mosaic.mos.cli.CliContext;
import dev.mosaic.mos.service.MosService;
import dev.mosaic.mos.service.ProviderCatalog;
import dev.mosaic.mos.service.ServiceOptions;
import dev.mosaic.mos.testing.PrivateTmux;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
            String printed = runService(home, Map.of(), (service, web, out) -> {
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

    interface Check {
        void run(MosService service, WebComponent web, String printed) throws Exception;
    }

    private static String runService(Path home, Map<String, String> webEnv, Check check) throws Exception {
        PrivateTmux tmux = new PrivateTmux();
        String socket = tmux.socket();
        Path roster = home.resolve("fleet/roster.yaml");
        Files.createDirectories(roster.getParent());
        Files.writeString(roster, """
                version: 1
                fleet: { name: svc, type: coding, comms: tmux }
                orchestrator: { name: mos, runtime: shell, workdir: %s }
                principals:
                  owner: { role: admin, web: owner }
                """.formatted(home));
        Map<String, String> environment = Map.of("MOSAIC_HOME", home.toString(), "MOSAIC_TMUX_SOCKET", socket,
                "USER", "tester", "HOME", home.toString());
        CliContext context = new CliContext(environment, home, Clock.systemUTC(), false, "cli:tester",
                InputStream.nullInputStream(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        StringWriter printed = new StringWriter();
        WebComponent web = new WebComponent(webEnv, new PrintWriter(printed), Clock.systemUTC());
        ProcessCommandRunner runner = new ProcessCommandRunner();
        try (MosService service = new MosService(context, ServiceOptions.defaults(), ProviderCatalog.of(List.of()),
                runner, List.of(web))) {
            service.start();
            check.run(service, web, printed.toString());
        } finally {
            tmux.kill();
        }
        return printed.toString();
    }

    @Test
    void theServicePrintsTheLoginUrlAndThePageTalksToItsRouter(@TempDir Path home) throws Exception {
        runService(home, Map.of("MOSAIC_WEB_PORT", "0"), (service, web, printed) -> {
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
