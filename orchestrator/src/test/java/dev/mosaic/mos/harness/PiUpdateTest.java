package dev.mosaic.mos.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mosaic.connector.OutboundMessage;
import dev.mosaic.mos.testing.CliRun;
import dev.mosaic.mos.testing.JsonSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mosaic fleet update} with real pi binaries (0.73.0 → 0.73.1) against the fake model:
 * an idle agent is updated and resumes its conversation, a message sent during its restart arrives
 * once after it is ready, a working agent is not interrupted, a broken target is rolled back, a
 * dry run changes nothing, and only an admin's confirmed chat {@code update} runs.
 */
class PiUpdateTest {

    @TempDir
    Path dir;
    PiUpdateFixture u;

    @AfterEach
    void close() {
        if (u != null) {
            u.close();
        }
    }

    @Test
    void idleAgentIsUpdatedFromChatAndResumesItsConversationAndAMessageSentDuringTheRestartArrivesOnceAfterwards()
            throws Exception {
        u = new PiUpdateFixture(dir, "pi-1");
        HarnessFixture f = u.f;
        u.install(PiUpdateFixture.OLD); // also how a harness first gets into Mos's prefix
        f.start();
        f.awaitActivity("pi-1", "idle", Duration.ofSeconds(60));

        f.model.reply(FakeModel.Reply.text("Noted: the code word is PURPLE-17."));
        f.dm("200", "send pi-1 remember the code word purple-17");
        await().atMost(60, TimeUnit.SECONDS).until(() -> f.model.loopRequests().stream()
                .anyMatch(r -> r.text().contains("remember the code word")));
        f.awaitActivity("pi-1", "idle", Duration.ofSeconds(30));
        long before = u.pid("pi-1");

        // the dry run: the plan, and nothing changes
        CliRun dry = u.cli("update", "--runtime", "pi", "--dry-run", "--json");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(JsonSchemas.errors("fleet-update-plan-v1.schema.json", dry.out())).as(dry.out()).isEmpty();
        JsonNode step = PiUpdateFixture.JSON.readTree(dry.out()).path("steps").get(0);
        assertThat(step.path("installed").asText()).isEqualTo(PiUpdateFixture.OLD);
        assertThat(step.path("target").asText()).isEqualTo(PiUpdateFixture.NEW);
        assertThat(step.path("action").asText()).isEqualTo("update");
        assertThat(step.path("agents").get(0).path("name").asText()).isEqualTo("pi-1");
        assertThat(u.installed()).isEqualTo(PiUpdateFixture.OLD);
        assertThat(u.pid("pi-1")).isEqualTo(before);
        assertThat(u.history()).hasSize(1); // the first install only

        // viewers and operators may not update; an admin must confirm
        f.dm("300", "update pi");
        f.awaitPosted(m -> m.conversation().id().equals("dm-300") && m.text().contains("needs the admin role"),
                Duration.ofSeconds(10));
        f.dm("200", "update pi");
        f.awaitPosted(m -> m.conversation().id().equals("dm-200") && m.text().contains("needs the admin role"),
                Duration.ofSeconds(10));
        f.dm("100", "update pi");
        OutboundMessage ask = f.awaitPosted(m -> m.conversation().id().equals("dm-100") && m.text().contains("confirm "),
                Duration.ofSeconds(30));
        assertThat(u.installed()).isEqualTo(PiUpdateFixture.OLD);
        Matcher code = Pattern.compile("confirm ([A-Za-z0-9]+)").matcher(ask.text());
        assertThat(code.find()).as(ask.text()).isTrue();
        f.dm("100", "confirm " + code.group(1));

        // while pi-1 restarts, an operator's message is held, then typed once it is ready
        Path hold = f.home.resolve("fleet/run/pi-1.updating");
        await().atMost(120, TimeUnit.SECONDS).pollInterval(20, TimeUnit.MILLISECONDS).until(() -> Files.exists(hold));
        f.model.reply(FakeModel.Reply.text("The code word was PURPLE-17."));
        f.dm("200", "send pi-1 what was the code word");

        OutboundMessage done;
        try {
            done = f.awaitPosted(m -> m.conversation().id().equals("dm-100") && m.text().contains("update ")
                    && m.text().contains(": ok"), Duration.ofSeconds(180));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + u.dump(), e);
        }
        assertThat(done.text()).contains("pi-1").contains("updated").contains(PiUpdateFixture.NEW);
        f.awaitPosted(m -> m.conversation().id().equals("dm-200") && m.text().contains("delivered to pi-1"),
                Duration.ofSeconds(60));
        assertThat(Files.exists(hold)).isFalse();
        assertThat(u.installed()).isEqualTo(PiUpdateFixture.NEW);
        assertThat(u.pid("pi-1")).isNotEqualTo(before);
        // the new pi runs the new release (its header names it)
        await().atMost(30, TimeUnit.SECONDS).until(() -> f.pane("pi-1").contains("pi v" + PiUpdateFixture.NEW));

        // resumed: the question reaches the model once, with the earlier conversation
        await().atMost(60, TimeUnit.SECONDS).until(() -> f.model.loopRequests().stream()
                .anyMatch(r -> r.text().contains("what was the code word")));
        List<FakeModel.Request> asked = f.model.loopRequests().stream()
                .filter(r -> r.text().contains("what was the code word")).toList();
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).text()).contains("remember the code word purple-17").contains("PURPLE-17.");
        f.awaitActivity("pi-1", "idle", Duration.ofSeconds(30));
        u.awaitHealthy("pi-1");

        List<JsonNode> runs = u.history();
        assertThat(runs).hasSize(2);
        JsonNode run = runs.get(1);
        assertThat(run.path("result").asText()).isEqualTo("ok");
        assertThat(run.path("actor").asText()).isEqualTo("discord:100");
        assertThat(PiUpdateFixture.agent(run, "pi-1").path("result").asText()).isEqualTo("updated");
        String audit = Files.readString(f.home.resolve("audit/audit.jsonl"));
        assertThat(audit).contains("\"update.install\"").contains("\"update.restart\"").contains("\"fleet.update\"");
        assertThat(Files.readString(Path.of(run.path("log").asText()))).contains("installing pi " + PiUpdateFixture.NEW);
    }

    @Test
    void aWorkingAgentIsNotInterruptedAndIsUpdatedOnceItIsIdleAfterTheCanary() throws Exception {
        u = new PiUpdateFixture(dir, "pi-1", "pi-2");
        HarnessFixture f = u.f;
        u.install(PiUpdateFixture.OLD);
        f.start();
        f.awaitActivity("pi-1", "idle", Duration.ofSeconds(90));
        f.awaitActivity("pi-2", "idle", Duration.ofSeconds(90));
        f.model.reply(FakeModel.Reply.text("Long job finished: DONE-42.").after(45_000)); // the model is slow
        f.service.fleet().send("pi-2", "run the long job");
        await().atMost(30, TimeUnit.SECONDS).until(() -> f.pane("pi-2").contains("Working..."));

        CliRun r = u.cli("update", "--runtime", "pi", "--to", PiUpdateFixture.NEW, "--yes", "--json");
        assertThat(r.code()).as(r.out() + r.err() + u.dump()).isZero();
        assertThat(JsonSchemas.errors("fleet-update-v1.schema.json", r.out())).as(r.out()).isEmpty();
        JsonNode report = PiUpdateFixture.JSON.readTree(r.out());
        assertThat(report.path("result").asText()).isEqualTo("ok");
        assertThat(PiUpdateFixture.agent(report, "pi-1").path("detail").asText()).isEqualTo("canary");
        assertThat(PiUpdateFixture.agent(report, "pi-2").path("result").asText()).isEqualTo("updated");
        assertThat(r.err()).contains("pi-1: ready on " + PiUpdateFixture.NEW).containsPattern("pi-2: working.*; restarting"
                + " once it is idle");
        assertThat(r.err().indexOf("pi-1: ready on")).isLessThan(r.err().indexOf("pi-2: restarting on"));

        // the long turn ran to its end before pi-2 restarted: its new session (a fresh tmux pane)
        // resumed the conversation, the finished answer included
        f.awaitActivity("pi-2", "idle", Duration.ofSeconds(30));
        await().atMost(60, TimeUnit.SECONDS).until(() -> f.pane("pi-2").contains("DONE-42"));
        assertThat(f.pane("pi-2")).contains("run the long job");
        assertThat(u.installed()).isEqualTo(PiUpdateFixture.NEW);
    }

    @Test
    void aTargetWhoseBinaryFailsToStartIsRolledBackAndEveryAgentEndsOnTheOldVersionRunningAndHealthy()
            throws Exception {
        u = new PiUpdateFixture(dir, "pi-1", "pi-2");
        HarnessFixture f = u.f;
        u.install(PiUpdateFixture.OLD);
        f.start();
        f.awaitActivity("pi-1", "idle", Duration.ofSeconds(90));
        f.awaitActivity("pi-2", "idle", Duration.ofSeconds(90));
        long second = u.pid("pi-2");

        CliRun r = u.cli("update", "--runtime", "pi", "--to", PiUpdateFixture.BROKEN, "--yes", "--json");
        assertThat(r.code()).as(r.out() + r.err() + u.dump()).isEqualTo(1);
        assertThat(JsonSchemas.errors("fleet-update-v1.schema.json", r.out())).as(r.out()).isEmpty();
        assertThat(JsonSchemas.errors("fleet-update-v1.schema.json", r.out().replace("\"rolled-back\"", "\"fine\"")))
                .as("a result outside the contract").isNotEmpty();
        JsonNode report = PiUpdateFixture.JSON.readTree(r.out());
        assertThat(report.path("result").asText()).isEqualTo("rolled-back");
        assertThat(report.path("hosts").get(0).path("result").asText()).isEqualTo("rolled-back");
        JsonNode canary = PiUpdateFixture.agent(report, "pi-1");
        assertThat(canary.path("result").asText()).isEqualTo("rolled-back");
        assertThat(canary.path("version").asText()).isEqualTo(PiUpdateFixture.OLD);
        assertThat(canary.path("detail").asText()).contains("exited");
        assertThat(PiUpdateFixture.agent(report, "pi-2").path("result").asText()).isEqualTo("unchanged");
        assertThat(r.err()).contains("rolling back to " + PiUpdateFixture.OLD);

        assertThat(u.installed()).isEqualTo(PiUpdateFixture.OLD);
        for (String a : List.of("pi-1", "pi-2")) {
            f.awaitActivity(a, "idle", Duration.ofSeconds(30));
            assertThat(f.status(a).state().wire()).isEqualTo("running");
            u.awaitHealthy(a);
        }
        assertThat(u.pid("pi-2")).isEqualTo(second); // never touched
        List<JsonNode> runs = u.history();
        assertThat(runs.get(runs.size() - 1).path("result").asText()).isEqualTo("rolled-back");
        CliRun text = u.cli("update", "--history");
        assertThat(text.out()).contains("rolled-back");
        CliRun json = u.cli("update", "--history", "--json");
        assertThat(JsonSchemas.errors("fleet-update-history-v1.schema.json", json.out())).as(json.out()).isEmpty();
        assertThat(PiUpdateFixture.JSON.readTree(json.out()).path("runs")).hasSize(runs.size());
    }
}
