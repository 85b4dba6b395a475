package dev.mosaic.mos.chat;

import dev.mosaic.mos.app.RateLimiter;
import dev.mosaic.mos.app.Verb;
import dev.mosaic.connector.Acknowledger.Ack;
import dev.mosaic.connector.Sender;
import dev.mosaic.connector.testkit.LoopbackConnector;
import dev.mosaic.fleet.audit.AuditRecord;
import dev.mosaic.fleet.roster.Principal;
import dev.mosaic.fleet.roster.Role;
import dev.mosaic.fleet.roster.Roster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Who may do what, and what they are told. */
class ChatRouterAuthorizationTest {

    @TempDir
    Path dir;

    private RouterFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new RouterFixture(dir, ChatConfig.defaults());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void anUnknownSenderIsRefusedAndToldTheirIdSoAnAdminCanAddThem() {
        String reply = f.dm("555", "ps");

        assertThat(reply).isEqualTo("I don't know you. Your loopback id is 555; an admin can add you under principals:"
                + " in the roster.");
        assertThat(f.executor.calls).isEmpty();
        AuditRecord r = f.lastAudit();
        assertThat(r.actor()).isEqualTo("loopback:555");
        assertThat(r.action()).isEqualTo("chat.ps");
        assertThat(r.result()).isEqualTo("refused: unknown sender");
    }

    @Test
    void aDisplayNameMatchingAPrincipalDoesNotMakeSomeoneThatPrincipal() {
        f.chat.say(new Sender("loopback", "666", "owner", false), f.chat.dm("dm-666"), "ps");
        assertThat(f.chat.awaitReply().text()).contains("I don't know you", "666");
        assertThat(f.executor.calls).isEmpty();
    }

    @Test
    void unlistedBotsAreIgnoredSilentlyButListedBotsMayCommand() {
        f.chat.say(new Sender("loopback", "777", "otherbot", true), f.chat.dm("dm-777"), "ps");
        assertThat(f.dm("100", "whoami")).contains("owner");
        assertThat(f.chat.replies()).hasSize(1);

        f.chat.say(new Sender("loopback", "900", "ci", true), f.chat.dm("dm-900"), "ps");
        assertThat(f.chat.awaitReply().text()).contains("ran ps");
        assertThat(f.executor.calls).extracting(RouterFixture.Call::actor).containsExactly("loopback:900");
    }

    @Test
    void whoamiShowsThePlatformIdAndRole() {
        assertThat(f.dm("300", "whoami")).isEqualTo("You are watcher (viewer); your loopback id is 300.");
    }

    @Test
    void aViewerMayLookButIsRefusedOperatorVerbs() {
        assertThat(f.dm("300", "ps")).contains("ran ps");
        assertThat(f.dm("300", "stop coder-1")).isEqualTo(
                "Sorry, `stop` needs the operator role; you are a viewer. Try `help` for what you can run.");
        assertThat(f.dm("300", "send coder-1 hello")).contains("`send` needs the operator role");
        assertThat(f.dm("300", "remove coder-2")).contains("`remove` needs the admin role");
        assertThat(f.dm("300", "please restart everything")).contains("Only operators and admins can talk to the orchestrator");

        assertThat(f.executor.calls).extracting(c -> c.command().verb()).containsExactly(Verb.PS);
        assertThat(f.bridge.forwarded).isEmpty();
        assertThat(f.lastAudit().result()).isEqualTo("refused: role viewer");
    }

    @Test
    void anOperatorMayNotRunAdminVerbs() {
        assertThat(f.dm("200", "stop coder-1")).contains("ran stop coder-1");
        assertThat(f.dm("200", "add coder-3 runtime=codex")).contains("`add` needs the admin role; you are an operator");
        assertThat(f.dm("200", "comms matrix")).contains("`comms` needs the admin role");
    }

    @Test
    void helpListsOnlyTheVerbsTheAskerMayRun() {
        String viewer = f.dm("300", "help");
        assertThat(viewer).contains("(you are a viewer)", "`ps`", "`status <agent>`", "`whoami`", "`confirm <code>`");
        assertThat(viewer).doesNotContain("`stop", "`send", "`tail", "`remove", "`add", "`comms", "orchestrator agent");

        String operator = f.dm("200", "help");
        assertThat(operator).contains("`stop <agent|all>`", "`send <agent> <text>`", "`tail <agent> [n]`",
                "goes to the orchestrator agent");
        assertThat(operator).doesNotContain("`remove", "`add", "`comms");

        String admin = f.dm("100", "help");
        assertThat(admin).contains("`remove <agent>`", "`add <name>", "`comms [tmux|matrix]`");

        assertThat(f.dm("300", "help remove")).contains("`remove <agent>`", "Needs the admin role; you are a viewer.");
    }

    @Test
    void aRoleChangeInTheRosterCountsAtTheNextMessage() {
        assertThat(f.dm("555", "ps")).contains("I don't know you");
        var r = RouterFixture.roster();
        var principals = new HashMap<>(r.principals());
        principals.put("newbie", new Principal("newbie", Role.VIEWER,
                Map.of("loopback", "555")));
        f.roster.set(new Roster(null, 1, r.fleet(), r.hosts(), r.orchestrator(), principals,
                r.agents(), r.runtimes()));

        assertThat(f.dm("555", "ps")).contains("ran ps");
    }

    @Test
    void freeTextFromAnOperatorGoesToTheOrchestratorAgent() {
        f.chat.say(f.chat.user("200"), f.chat.channel("ops"), "!mos please summarise the open PRs");

        await().untilAsserted(() -> assertThat(f.bridge.forwarded).hasSize(1));
        RouterFixture.Forwarded fw = f.bridge.forwarded.get(0);
        assertThat(fw.message().text()).isEqualTo("!mos please summarise the open PRs");
        assertThat(fw.who().name()).isEqualTo("ops");
        await().untilAsserted(() -> assertThat(f.chat.acks()).extracting(LoopbackConnector.AckRecord::ack)
                .containsExactly(Ack.RECEIVED, Ack.DONE));
        assertThat(f.chat.replies()).isEmpty();
        assertThat(f.lastAudit().action()).isEqualTo("chat.say");
        assertThat(f.lastAudit().target()).isEqualTo("mos");
    }

    @Test
    void channelChatterWithoutThePrefixIsIgnored() {
        f.chat.say(f.chat.user("100"), f.chat.channel("ops"), "ps is slow today");
        assertThat(f.inChannel("100", "ops", "!mos whoami")).contains("owner");
        assertThat(f.chat.replies()).hasSize(1);
        assertThat(f.executor.calls).isEmpty();
        assertThat(f.auditRecords()).hasSize(1);
    }

    @Test
    void aTypoGetsADidYouMean() {
        assertThat(f.dm("100", "stpo coder-1")).isEqualTo("Unknown verb 'stpo' — did you mean 'stop'? Try `help` for the list.");
        assertThat(f.executor.calls).isEmpty();
    }

    @Test
    void aFloodIsSlowedDownPolitely() throws Exception {
        f.close();
        f = new RouterFixture(dir.resolve("limited"), new ChatConfig("!mos", Duration.ofMinutes(2),
                new RateLimiter.Limits(6, 2)));
        assertThat(f.dm("100", "whoami")).contains("owner");
        assertThat(f.dm("100", "whoami")).contains("owner");
        assertThat(f.dm("100", "ps")).isEqualTo("Easy there: that is more than 6 commands a minute. Try again in 10 s.");
        assertThat(f.dm("200", "whoami")).as("others are not slowed down").contains("ops");
        assertThat(f.executor.calls).isEmpty();
        assertThat(f.lastAudit().result()).isEqualTo("ok");

        f.clock.advance(Duration.ofSeconds(10));
        assertThat(f.dm("100", "ps")).contains("ran ps");
    }
}
