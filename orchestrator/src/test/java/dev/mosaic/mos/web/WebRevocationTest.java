package dev.mosaic.mos.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 row 5: revoking a web token (its line deleted from {@code web-tokens.json}) or its
 * principal (removed from the roster, or demoted below what a pane needs) ends the streams that
 * are already open within 2 s, not only the next request.
 */
class WebRevocationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private WebFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new WebFixture(home);
        fx.startAgents();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void deletingATokenClosesItsOpenEventStreamsAndPaneSocketsWithinTwoSeconds() throws Exception {
        String token = fx.token("ops");
        String session = fx.login("ops");
        String otherSession = fx.login("owner");
        try (WebStreams.Events byCookie = WebStreams.events(fx, Map.of("Cookie", "mosaic_session=" + session));
             WebStreams.Events byBearer = WebStreams.events(fx, Map.of("Authorization", "Bearer " + token));
             WebStreams.Events unrelated = WebStreams.events(fx, Map.of("Cookie", "mosaic_session=" + otherSession));
             WebStreams.Pane pane = WebStreams.pane(fx, "coder-1", Map.of("Cookie", "mosaic_session=" + session))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> byCookie.lines.contains("event: fleet")
                    && byBearer.lines.contains("event: fleet") && !pane.messages.isEmpty());
            assertThat(byCookie.status).isEqualTo(200);

            revokeTokenOf("ops");

            await().atMost(WebStreams.TWO_SECONDS).untilAsserted(() -> {
                assertThat(byCookie.ended).isTrue();
                assertThat(byBearer.ended).isTrue();
                assertThat(pane.closed()).isTrue();
            });
            assertThat(pane.closeCode.get()).isEqualTo(PaneStream.REVOKED);
            assertThat(byCookie.lines).contains("event: revoked");
            assertThat(fx.get("api/v1/fleet", token).statusCode()).isEqualTo(401);
            assertThat(fx.getWithCookie("api/v1/fleet", session).statusCode()).isEqualTo(401);
            // someone else's stream goes on
            assertThat(unrelated.ended).isFalse();
            assertThat(fx.getWithCookie("api/v1/fleet", otherSession).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void removingThePrincipalFromTheRosterClosesTheirStreamsWithinTwoSeconds() throws Exception {
        String session = fx.login("ops");
        try (WebStreams.Events events = WebStreams.events(fx, Map.of("Cookie", "mosaic_session=" + session));
             WebStreams.Pane pane = WebStreams.pane(fx, "coder-1", Map.of("Cookie", "mosaic_session=" + session))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> events.lines.contains("event: fleet")
                    && !pane.messages.isEmpty());

            rewriteRoster("  ops: { role: operator, web: ops }\n", "");

            await().atMost(WebStreams.TWO_SECONDS).untilAsserted(() -> {
                assertThat(events.ended).isTrue();
                assertThat(pane.closed()).isTrue();
            });
            assertThat(fx.getWithCookie("api/v1/fleet", session).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void demotingAnOperatorToViewerClosesTheirPaneSocketButNotTheirEventStream() throws Exception {
        String session = fx.login("ops");
        try (WebStreams.Events events = WebStreams.events(fx, Map.of("Cookie", "mosaic_session=" + session));
             WebStreams.Pane pane = WebStreams.pane(fx, "coder-1", Map.of("Cookie", "mosaic_session=" + session))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> events.lines.contains("event: fleet")
                    && !pane.messages.isEmpty());

            rewriteRoster("ops: { role: operator, web: ops }", "ops: { role: viewer, web: ops }");

            await().atMost(WebStreams.TWO_SECONDS).until(pane::closed);
            assertThat(pane.closeCode.get()).isEqualTo(PaneStream.REVOKED);
            assertThat(events.ended).as("a viewer may still watch the fleet").isFalse();
        }
    }

    private void revokeTokenOf(String webId) throws Exception {
        Path file = home.resolve("run/web-tokens.json");
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(file));
        ObjectNode tokens = (ObjectNode) root.get("tokens");
        tokens.properties().removeIf(e -> e.getValue().asText().equals(webId));
        Files.writeString(file, root.toString()); // as an admin's editor would
    }

    private void rewriteRoster(String from, String to) throws Exception {
        Path roster = home.resolve("fleet/roster.yaml");
        String before = Files.readString(roster);
        assertThat(before).contains(from);
        Files.writeString(roster, before.replace(from, to));
    }
}
