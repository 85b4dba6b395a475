package dev.mosaic.fleet;

import static dev.mosaic.fleet.FleetFixture.agent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.mosaic.fleet.ps.AgentState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real {@code ps --json} output (running, stopped, crashed and missing agents) against the published schema. */
class PsJsonSchemaTest {

    static final Path SCHEMA = Path.of("..", "docs", "schema", "fleet-ps-v1.schema.json");

    @TempDir
    Path home;

    FleetFixture fx;

    @AfterEach
    void cleanup() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void realOutputWithEveryStateValidatesAgainstTheSchema() throws Exception {
        fx = new FleetFixture(home, 1, List.of(agent("runner"), agent("stopper"), agent("crasher")));
        fx.fleet.start(List.of("runner", "crasher"));
        fx.tmux("new-session", "-d", "-s", "stray", "cat");
        await().atMost(Duration.ofSeconds(5)).until(() -> fx.fleet.status("crasher").heartbeat().ts() != null);
        ProcessHandle.of(fx.fleet.status("crasher").pid()).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(5)).until(() -> fx.fleet.status("crasher").state() == AgentState.CRASHED);

        String json = fx.fleet.psJson();
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(SCHEMA), InputFormat.JSON);
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        assertThat(errors).as(json).isEmpty();

        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.get("schema").asText()).isEqualTo("mosaic.fleet.ps/v1");
        assertThat(root.get("fleet").asText()).isEqualTo("testfleet");
        assertThat(root.get("agents")).extracting(a -> a.get("name").asText() + "=" + a.get("state").asText())
                .containsExactly("mos=stopped", "runner=running", "stopper=stopped", "crasher=crashed",
                        "stray=missing");
        JsonNode runner = root.get("agents").get(1);
        assertThat(runner.get("managed").asBoolean()).isTrue();
        assertThat(runner.get("tenant").asText()).isEqualTo("testfleet");
        assertThat(runner.get("host").asText()).isEqualTo("local");
        assertThat(runner.get("pid").asLong()).isPositive();
        assertThat(root.get("agents").get(4).get("managed").asBoolean()).isFalse();
    }

    @Test
    void schemaRejectsAContractViolation() throws Exception {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(SCHEMA), InputFormat.JSON);
        String bad = "{\"schema\":\"mosaic.fleet.ps/v1\",\"generatedAt\":\"2026-11-26T18:00:00Z\",\"fleet\":\"m\","
                + "\"agents\":[{\"name\":\"a\",\"role\":\"r\",\"runtime\":\"pi\",\"host\":\"local\",\"tenant\":\"m\","
                + "\"state\":\"sleeping\",\"managed\":true,\"pid\":null,"
                + "\"heartbeat\":{\"health\":\"unknown\",\"ts\":null,\"ageMs\":null,\"status\":null}}]}";
        assertThat(schema.validate(bad, InputFormat.JSON)).isNotEmpty();
    }
}
